// Runs our validator over a freshly linked nexe. A rejection here is a bug in
// the toolchain, so each problem is reported with the C source line (addr2line
// over an unstripped link of the same objects).
import { spawnSync } from 'node:child_process';
import { validateNexeText } from '../validator/index.ts';
import { textSegment } from './elf-text.ts';

export interface NexeProblem {
  address: number;
  message: string;
}

/** Validator errors and call-alignment warnings of the nexe's text (empty when clean). */
export function nexeProblems(image: Uint8Array): NexeProblem[] {
  const text = textSegment(image);
  const result = validateNexeText(text.bytes, { callAlignmentWarnings: true });
  return [...result.errors, ...result.warnings].map((e) => ({ address: text.vaddr + e.offset, message: e.message }));
}

/** "file.c:12 (function)" for each address, using addr2line on an ELF with debug info. */
export function sourceLines(elfWithDebug: string, addresses: readonly number[]): string[] {
  if (addresses.length === 0) return [];
  const r = spawnSync('addr2line', ['-f', '-e', elfWithDebug, ...addresses.map((a) => `0x${a.toString(16)}`)], { encoding: 'utf8' });
  if (r.status !== 0) return addresses.map(() => '?');
  const lines = r.stdout.trim().split('\n');
  return addresses.map((_, i) => `${lines[2 * i + 1] ?? '?'} (${lines[2 * i] ?? '?'})`);
}
