// x87 loads and stores against the host: float32/64, int16/32/64 (FIST, FISTTP, FILD), packed BCD.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithHost, describeMismatches, runSeed, sampleLines } from './differential.ts';
import { f32Arb, f64Arb, f80Arb, x87ControlRc } from './gen.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f80Hex } from './hex.ts';
import { f80 } from '../../src/fpu/float80/types.ts';

const seed = runSeed();

function agree(lines: string[]): void {
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  expect(bad, describeMismatches(bad, seed)).toEqual([]);
}

/** Values near the integer-width limits and small non-integers, where rounding decides overflow. */
const nearInteger = fc
  .tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: -3, max: 66 }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }), fc.constantFrom(0, 1, 2))
  .map(([s, e, hi, lo, kind]) => {
    const h = kind === 0 ? (hi | 0x80000000) >>> 0 : kind === 1 ? 0xffffffff : 0x80000000;
    const l = kind === 0 ? lo : kind === 1 ? (0xffffffff - (lo & 0xffff)) >>> 0 : lo & 0xffff;
    return f80Hex(f80(s, 16383 + e, h, l));
  });
const intOperand = fc.oneof(f80Arb, nearInteger);

const bcd = fc
  .tuple(fc.integer({ min: 0, max: 1 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }), fc.integer({ min: 0, max: 18 }))
  .map(([s, digits, zeros]) => (s ? '80' : '00') + digits.map((d, i) => (i < zeros ? 0 : d)).join(''));

describe('x87 conversions match the host bit for bit', () => {
  for (const op of ['fst32', 'fst64']) {
    it(`${op} (3000 operations, all RC)`, () => {
      agree(sampleLines(fc.tuple(x87ControlRc, f80Arb).map(([c, a]) => `${op} ${c} ${a}`), 3000, seed));
    });
  }
  for (const op of ['fist16', 'fist32', 'fist64', 'fisttp16', 'fisttp32', 'fisttp64', 'fbstp']) {
    it(`${op} (1500 operations)`, () => {
      agree(sampleLines(fc.tuple(x87ControlRc, intOperand).map(([c, a]) => `${op} ${c} ${a}`), 1500, seed));
    });
  }
  it('fld32 and fld64 (2000 operations each)', () => {
    agree(sampleLines(fc.tuple(x87ControlRc, f32Arb).map(([c, a]) => `fld32 ${c} ${a}`), 2000, seed));
    agree(sampleLines(fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fld64 ${c} ${a}`), 2000, seed));
  });
  it('fild16/32/64 and fbld (1000 operations each)', () => {
    agree(sampleLines(fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild16 ${c} ${a.slice(12)}`), 1000, seed));
    agree(sampleLines(fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild32 ${c} ${a.slice(8)}`), 1000, seed));
    agree(sampleLines(fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild64 ${c} ${a}`), 1000, seed));
    agree(sampleLines(fc.tuple(x87ControlRc, bcd).map(([c, a]) => `fbld ${c} ${a}`), 1000, seed));
  });
});
