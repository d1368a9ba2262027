// x87 comparisons and classification against the host: C0 C2 C3 (or ZF PF CF), IE and DE.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithHost, describeMismatches, runSeed, sampleLines } from './differential.ts';
import { f80Arb, f80Pair, x87ControlRc } from './gen.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';

const seed = runSeed();

function agree(lines: string[]): void {
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  expect(bad, describeMismatches(bad, seed)).toEqual([]);
}

/** Pairs that are often equal or differ only in sign (zeros, NaN payloads, identical values). */
const comparePair = fc.oneof(f80Pair, f80Arb.map((a): [string, string] => [a, a]), f80Arb.map((a): [string, string] => [a, (parseInt(a[0]!, 16) ^ 8).toString(16) + a.slice(1)]));

describe('x87 comparisons match the host', () => {
  for (const op of ['fcom', 'fucom', 'fcomi', 'fucomi']) {
    it(`${op} (2000 operations)`, () => {
      agree(sampleLines(fc.tuple(x87ControlRc, comparePair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), 2000, seed));
    });
  }
  for (const op of ['ftst', 'fxam']) {
    it(`${op} (1000 operations)`, () => {
      agree(sampleLines(fc.tuple(x87ControlRc, f80Arb).map(([c, a]) => `${op} ${c} ${a} ${a}`), 1000, seed));
    });
  }
});
