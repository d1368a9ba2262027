// Whatever validated code does, the interpreter answers with a RunResult (exit, a typed fault, the
// budget) and never a host exception, and it does the same thing every time. Chunks are random
// sequences of instructions (the corpus's valid ones when ../shared is there, a hand-picked set
// otherwise), random jumps and bytes, kept when the validator accepts them under the interpreter's
// profile; they start from random registers in a sandbox with a little writable memory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IMPLEMENTED_FEATURES } from '../../src/cpu/cpuid.ts';
import { Machine } from '../../src/cpu/machine.ts';
import { PAGE_SIZE, Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
import type { RunResult } from '../../src/cpu/run-result.ts';
import { validateChunk } from '../../src/validator/index.ts';
import { chunkArbitrary, corpusPieces } from '../validator/generators.ts';

const TEXT = 0x20000;
const DATA = 0x100000;
const features = [...IMPLEMENTED_FEATURES];
const runnable = (code: Uint8Array): boolean => code.length > 0 && validateChunk(code, { features }).valid;
/** Pieces that are valid on their own under the profile (AVX and the like are left out). */
const pieces = corpusPieces().filter((p) => {
  const padded = new Uint8Array(Math.ceil(p.length / 32) * 32).fill(0x90);
  padded.set(p);
  return runnable(padded);
});

const memory = new SandboxMemory();
const register = fc.oneof(
  fc.constantFrom(0n, 1n, -1n, 0x7fffffffn, 0x80000000n, BigInt(DATA), BigInt(DATA + 0x8000), BigInt(TEXT)),
  fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
);

/** Runs `code` from the given registers and flags on a freshly reset sandbox; returns what it did. */
function run(code: Uint8Array, regs: readonly bigint[], flags: number): { r: RunResult; state: string } {
  memory.perm.fill(Perm.None);
  memory.fillBytes(0, DATA, DATA + 4 * PAGE_SIZE);
  memory.fillBytes(0, 0xfff00000, 0xfff00000 + PAGE_SIZE);
  memory.u8.set(code, TEXT);
  memory.protect(TEXT, Math.ceil(code.length / PAGE_SIZE) * PAGE_SIZE, Perm.RX);
  memory.protect(DATA, 4 * PAGE_SIZE, Perm.RW);
  memory.protect(0xfff00000, PAGE_SIZE, Perm.RW); // a stack page
  const m = new Machine(memory, new Program(code, TEXT), null);
  regs.forEach((v, i) => m.state.setBig(i, v));
  m.state.set64(4, 0xfff00000 + PAGE_SIZE / 2, 0);
  m.state.set64(5, 0xfff00000 + PAGE_SIZE / 2, 0);
  m.state.set64(15, 0, 0);
  m.state.flags = flags & 0x8d5; // CF PF AF ZF SF OF
  m.state.df = (flags >> 10) & 1;
  m.setRip(TEXT);
  const r = m.run(20_000);
  const state = `${Array.from(m.state.R).join(',')} ${m.state.rip} ${m.state.icount} ${Array.from(memory.u8.subarray(DATA, DATA + 4096)).join(',')}`;
  return { r, state };
}

describe('random validated code', () => {
  it('the piece set is not empty', () => {
    expect(pieces.length).toBeGreaterThan(5);
  });

  it('ends in a RunResult, never a host exception, the same way twice', () => {
    const kinds = new Map<string, number>();
    fc.assert(
      fc.property(
        chunkArbitrary(pieces).filter(runnable),
        fc.array(register, { minLength: 16, maxLength: 16 }),
        fc.integer({ min: 0, max: 0xffff }),
        (code, regs, flags) => {
          const a = run(code, regs, flags);
          const b = run(code, regs, flags);
          kinds.set(a.r.kind, (kinds.get(a.r.kind) ?? 0) + 1);
          expect(['exited', 'fault', 'budget-exhausted']).toContain(a.r.kind);
          expect(b.r).toEqual(a.r);
          expect(b.state).toBe(a.state);
        },
      ),
      { numRuns: 1000 },
    );
    expect(kinds.get('fault') ?? 0).toBeGreaterThan(0);
  });
});
