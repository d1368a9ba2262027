// x87 arithmetic against the host FPU: results, exception flags and C0..C3, every rounding and precision control.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithHost, describeMismatches, runSeed, sampleLines } from './differential.ts';
import { f80Arb, f80Pair, x87Control, x87ControlRc } from './gen.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f80Hex } from './hex.ts';
import { f80 } from '../../src/fpu/float80/types.ts';

const seed = runSeed();

function agree(lines: string[]): void {
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  expect(bad, describeMismatches(bad, seed)).toEqual([]);
}

/** Operand pairs whose exponents differ by 50..300: FPREM's partial-remainder path (C2 = 1). */
const u32 = fc.integer({ min: 0, max: 0xffffffff });
const farPair = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 0x7ffe - 300 }), fc.integer({ min: 50, max: 300 }), u32, u32, u32, u32)
  .map(([signs, e, d, ah, al, bh, bl]): [string, string] => [
    f80Hex(f80(signs & 1, e + d, ah | 0x80000000, al)),
    f80Hex(f80(signs >> 1, e, bh | 0x80000000, bl)),
  ]);

describe('x87 arithmetic matches the host bit for bit', () => {
  for (const op of ['fadd', 'fsub', 'fmul', 'fdiv']) {
    it(`${op} (3000 operations, all RC x PC)`, () => {
      agree(sampleLines(fc.tuple(x87Control, f80Pair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), 3000, seed));
    });
  }
  for (const op of ['fsqrt', 'frndint', 'fxtract']) {
    it(`${op} (2000 operations)`, () => {
      agree(sampleLines(fc.tuple(x87Control, f80Arb).map(([c, a]) => `${op} ${c} ${a} ${a}`), 2000, seed));
    });
  }
  for (const op of ['fprem', 'fprem1']) {
    it(`${op} (2000 operations, complete and partial)`, () => {
      const pair = fc.oneof(f80Pair, farPair);
      agree(sampleLines(fc.tuple(x87ControlRc, pair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), 2000, seed));
    });
  }
  it('fscale (2000 operations, small and huge scales)', () => {
    const scale = fc.oneof(
      f80Arb,
      fc.integer({ min: -17000, max: 17000 }).map((n) => {
        const m = Math.abs(n);
        if (m === 0) return f80Hex(f80(n < 0 ? 1 : 0, 0, 0, 0));
        const bits = 32 - Math.clz32(m);
        return f80Hex(f80(n < 0 ? 1 : 0, 16383 + bits - 1, (m << (32 - bits)) >>> 0, 0));
      }),
    );
    agree(sampleLines(fc.tuple(x87Control, f80Arb, scale).map(([c, a, b]) => `fscale ${c} ${a} ${b}`), 2000, seed));
  });
});
