// zvm disasm: objdump-like listing of a nexe's text segment or of a hex byte string.
import { readFileSync } from 'node:fs';
import { PF_X, PT_LOAD, readHeader, readProgramHeaders } from '../elf/index.ts';
import { decodeFull, formatAtt } from '../decoder/index.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm disasm FILE.nexe
       zvm disasm --hex "HEX BYTES"

Prints one line per instruction in GNU AT&T syntax (objdump-like):
  <address>: <bytes>  <instruction>
For a nexe the address is the virtual address in the executable (R+X) segment and a blank line
marks each 32-byte bundle boundary. With --hex the bytes are decoded from offset 0 (spaces are
allowed between hex digits). A byte that does not decode prints (bad) and decoding goes on at
the next byte.`;

function parseHex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  const bad = clean.search(/[^0-9a-fA-F]/);
  if (bad >= 0) throw new UsageError(`--hex: not a hex digit '${clean[bad]}' at position ${bad}`);
  if (clean.length % 2 !== 0) throw new UsageError(`--hex: odd number of hex digits (${clean.length})`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16);
  return out;
}

const hexBytes = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

/** The listing lines of code[0..) placed at address `base`. */
export function disassemble(code: Uint8Array, base: number, bundles: boolean): string[] {
  const lines: string[] = [];
  let pos = 0;
  let prevBundle = -1;
  while (pos < code.length) {
    const addr = base + pos;
    const bundle = Math.floor(addr / 32);
    if (bundles && prevBundle >= 0 && bundle !== prevBundle) lines.push('');
    prevBundle = bundle;
    const r = decodeFull(code, pos, code.length);
    if (r.ok) {
      lines.push(`${addr.toString(16)}: ${hexBytes(r.bytes)}  ${formatAtt(r, { base })}`);
      pos += r.length;
    } else {
      lines.push(`${addr.toString(16)}: ${hexBytes(code.subarray(pos, pos + 1))}  (bad)`);
      pos += 1;
    }
  }
  return lines;
}

/** The executable segment of a nexe file and its virtual address (UsageError for bad input). */
export function textSegment(file: string): { code: Uint8Array; vaddr: number } {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    const header = readHeader(bytes);
    const text = readProgramHeaders(bytes, header).find((p) => p.type === PT_LOAD && (p.flags & PF_X) !== 0);
    if (text === undefined) throw new UsageError(`${file}: no executable PT_LOAD segment`);
    const start = Number(text.offset);
    const end = start + Number(text.filesz);
    if (end > bytes.length) throw new UsageError(`${file}: text segment (offset 0x${start.toString(16)}, size 0x${Number(text.filesz).toString(16)}) runs past the end of the file`);
    return { code: bytes.subarray(start, end), vaddr: Number(text.vaddr) };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}

export const disasmCommand: Command = {
  name: 'disasm',
  summary: 'disassemble a nexe\'s text (or --hex bytes) in AT&T syntax',
  run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    let lines: string[];
    if (args[0] === '--hex') {
      if (args.length !== 2) throw new UsageError('--hex takes exactly one argument (see zvm disasm --help)');
      lines = disassemble(parseHex(args[1]), 0, false);
    } else {
      const unknown = args.find((a) => a.startsWith('-'));
      if (unknown !== undefined) throw new UsageError(`unknown option '${unknown}' (see zvm disasm --help)`);
      if (args.length !== 1) throw new UsageError('expected exactly one FILE.nexe (see zvm disasm --help)');
      const { code, vaddr } = textSegment(args[0]);
      lines = disassemble(code, vaddr, true);
    }
    process.stdout.write(lines.length > 0 ? `${lines.join('\n')}\n` : '');
    return 0;
  },
};
