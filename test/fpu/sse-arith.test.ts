// SSE scalar arithmetic against the host: results and MXCSR flags under every rounding control, DAZ and FTZ.
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

/** Second operands near the first (cancellation, ties) or independent. */
function pair(v: fc.Arbitrary<string>): fc.Arbitrary<[string, string]> {
  return fc.oneof(
    fc.tuple(v, v),
    fc.tuple(v, fc.integer({ min: -40, max: 40 }), v).map(([a, d, b]): [string, string] => {
      // b keeps its fraction but takes an exponent next to a's
      const bits = a.length * 4;
      const ebits = bits === 32 ? 8 : 11;
      const top = parseInt(a.slice(0, 8), 16);
      const eMax = (1 << ebits) - 1;
      const ea = (top >>> (31 - ebits)) & eMax;
      const eb = Math.min(eMax - 1, Math.max(0, ea + d));
      const btop = parseInt(b.slice(0, 8), 16);
      const mask = eMax << (31 - ebits);
      const nb = ((btop & ~mask) | (eb << (31 - ebits))) >>> 0;
      return [a, nb.toString(16).padStart(8, '0') + b.slice(8)];
    }),
  );
}

describe('SSE arithmetic matches the host bit for bit', () => {
  for (const [suffix, v, n] of [['ss', f32Arb, 2500], ['sd', f64Arb, 2500]] as const) {
    for (const op of ['add', 'sub', 'mul', 'div', 'min', 'max']) {
      it(`${op}${suffix} (${n} operations)`, () => {
        agree(sampleLines(fc.tuple(mxcsrArb, pair(v)).map(([m, [a, b]]) => `${op}${suffix} ${m} ${a} ${b}`), n, seed));
      });
    }
    it(`sqrt${suffix} (${n} operations)`, () => {
      agree(sampleLines(fc.tuple(mxcsrArb, v, v).map(([m, a, b]) => `sqrt${suffix} ${m} ${a} ${b}`), n, seed));
    });
  }
});
