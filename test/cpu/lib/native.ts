// Builds the native snippet harness with gcc into a temp dir and runs batches through it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseOutcome, type SnippetOutcome } from './scratch.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
let built: string | null = null;

export function buildHarness(): string {
  if (built) return built;
  const dir = mkdtempSync(path.join(tmpdir(), 'zvm-harness-'));
  const exe = path.join(dir, 'harness');
  execFileSync('gcc', ['-O1', '-no-pie', '-o', exe, path.join(here, '..', 'native', 'harness.c')]);
  built = exe;
  return exe;
}

export interface NativeCase {
  code: Uint8Array;
  flags: number;
  seed: number;
  regs: bigint[];
}

export function caseLine(c: NativeCase): string {
  const hex = Array.from(c.code, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex} ${c.flags.toString(16)} ${(c.seed >>> 0).toString(16)} ${c.regs.map((r) => r.toString(16)).join(' ')}`;
}

/** Runs cases natively in one process launch. */
export function runNative(cases: readonly NativeCase[]): SnippetOutcome[] {
  const exe = buildHarness();
  const input = cases.map(caseLine).join('\n') + '\n';
  const r = spawnSync(exe, [], { input, maxBuffer: 1 << 28, encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`harness failed (${r.error?.message ?? r.signal ?? r.status}): ${r.stderr}`);
  const lines = r.stdout.split('\n').filter((l) => l.length > 0);
  if (lines.length !== cases.length) throw new Error(`harness: ${lines.length} results for ${cases.length} cases`);
  return lines.map(parseOutcome);
}
