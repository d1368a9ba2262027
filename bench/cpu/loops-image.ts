// The synthetic loops of loops.S as the interpreter runs them: assembled with gcc, the .text bytes
// placed at 0x20000 (read+exec) with a read+write scratch page at 0x30000, and the loop symbols.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';

export const LOOPS_SOURCE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'loops.S');
export const TEXT = 0x20000;

export interface LoopsImage {
  readonly mem: SandboxMemory;
  readonly program: Program;
  /** Offset of each symbol from the start of .text. */
  readonly symbols: Map<string, number>;
}

export function buildLoops(): LoopsImage {
  const tmp = mkdtempSync(path.join(tmpdir(), 'zvm-cpu-loops-'));
  const object = path.join(tmp, 'loops.o');
  execFileSync('gcc', ['-c', '-x', 'assembler-with-cpp', LOOPS_SOURCE, '-o', object]);
  execFileSync('objcopy', ['-O', 'binary', '-j', '.text', object, path.join(tmp, 'loops.bin')]);
  const symbols = new Map(execFileSync('nm', [object], { encoding: 'utf8' }).trim().split('\n')
    .map((l) => l.split(' ')).map(([addr, , name]) => [name!, parseInt(addr!, 16)]));
  const code = new Uint8Array(readFileSync(path.join(tmp, 'loops.bin')));
  const mem = new SandboxMemory();
  mem.poke(TEXT, code);
  mem.protect(TEXT, 0x10000, Perm.RX);
  mem.protect(0x30000, 0x10000, Perm.RW);
  return { mem, program: new Program(code, TEXT), symbols };
}

/** Process CPU time in ms (wall time is meaningless on a loaded machine). */
export const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
