// SSE conversions, rounding, comparisons and dot products against the host.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithHost, describeMismatches, runSeed, sampleLines } from './differential.ts';
import { f32Arb, f64Arb, mxcsrArb } from './gen.ts';
import { evalSse } from './sse-model.ts';

const seed = runSeed();

function agree(lines: string[]): void {
  const bad = compareWithHost(lines, evalSse);
  expect(bad, describeMismatches(bad, seed)).toEqual([]);
}

/** 64-bit integers: small, near powers of two (rounding ties when converted), or any. */
const int64 = fc.oneof(
  f64Arb,
  fc.tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: -3, max: 3 }), fc.boolean()).map(([k, d, neg]) => {
    let v = (1n << BigInt(k)) + BigInt(d);
    if (neg) v = -v;
    return BigInt.asUintN(64, v).toString(16).padStart(16, '0');
  }),
  fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 25, max: 62 })).map(([x, k]) => BigInt.asUintN(64, BigInt(x) << BigInt(k - 24)).toString(16).padStart(16, '0')),
);

describe('SSE conversions and comparisons match the host', () => {
  for (const [s, v] of [['ss', f32Arb], ['sd', f64Arb]] as const) {
    for (const bits of [32, 64]) {
      for (const t of ['', 't']) {
        it(`cvt${t}${s}2si${bits} (1000 operations)`, () => {
          agree(sampleLines(fc.tuple(mxcsrArb, v).map(([m, a]) => `cvt${t}${s}2si${bits} ${m} ${a} 0`), 1000, seed));
        });
      }
      it(`cvtsi2${s}${bits} (1000 operations)`, () => {
        agree(sampleLines(fc.tuple(mxcsrArb, f64Arb, int64).map(([m, a, b]) => `cvtsi2${s}${bits} ${m} ${a} ${b}`), 1000, seed));
      });
    }
    it(`cmp${s} with every predicate (2000 operations)`, () => {
      const same = v.map((a): [string, string] => [a, a]);
      agree(sampleLines(fc.tuple(mxcsrArb, fc.oneof(fc.tuple(v, v), same), fc.integer({ min: 0, max: 7 })).map(([m, [a, b], i]) => `cmp${s} ${m} ${a} ${b} ${i}`), 2000, seed));
    });
    it(`comi${s} and ucomi${s} (1000 operations each)`, () => {
      for (const op of [`comi${s}`, `ucomi${s}`]) agree(sampleLines(fc.tuple(mxcsrArb, v, v).map(([m, a, b]) => `${op} ${m} ${a} ${b}`), 1000, seed));
    });
    it(`round${s} with every immediate (2000 operations)`, () => {
      agree(sampleLines(fc.tuple(mxcsrArb, v, fc.integer({ min: 0, max: 15 })).map(([m, a, i]) => `round${s} ${m} ${a} ${a} ${i.toString(16)}`), 2000, seed));
    });
  }
  it('cvtss2sd and cvtsd2ss (2000 operations each)', () => {
    agree(sampleLines(fc.tuple(mxcsrArb, f64Arb, f32Arb).map(([m, a, b]) => `cvtss2sd ${m} ${a} ${b}`), 2000, seed));
    agree(sampleLines(fc.tuple(mxcsrArb, f64Arb, f64Arb).map(([m, a, b]) => `cvtsd2ss ${m} ${a} ${b}`), 2000, seed));
  });
  it('dpps and dppd (1500 operations each)', () => {
    const v4 = fc.array(f32Arb, { minLength: 4, maxLength: 4 }).map((a) => a.join(''));
    const v2 = fc.array(f64Arb, { minLength: 2, maxLength: 2 }).map((a) => a.join(''));
    const ps = [0xff, 0xf1, 0x71, 0x3f, 0x55, 0xa3, 0x0f, 0xf0, 0x93, 0xcc];
    const pd = [0x33, 0x31, 0x32, 0x13, 0x23, 0x03, 0x30, 0x11];
    agree(sampleLines(fc.tuple(mxcsrArb, v4, v4, fc.constantFrom(...ps)).map(([m, a, b, i]) => `dpps ${m} ${a} ${b} ${i.toString(16)}`), 1500, seed));
    agree(sampleLines(fc.tuple(mxcsrArb, v2, v2, fc.constantFrom(...pd)).map(([m, a, b, i]) => `dppd ${m} ${a} ${b} ${i.toString(16)}`), 1500, seed));
  });
});
