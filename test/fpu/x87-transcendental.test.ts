// x87 transcendentals against the host. Special operands must agree exactly. Finite operands are computed
// to ~200 bits and rounded once, while the host's microcode carries fewer internal bits: a small, measured share
// of results differs by one unit in the last place (see src/fpu/README.md). This test pins that: at most
// MAX_MISMATCH_SHARE differ, every difference is exactly one ulp, and IE/DE/ZE/OE and C2 always agree.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareWithHost, describeMismatches, runSeed, sampleLines, type Mismatch } from './differential.ts';
import { f80Arb, x87Control } from './gen.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f80Hex } from './hex.ts';
import { f80 } from '../../src/fpu/float80/types.ts';

const seed = runSeed();
const MAX_MISMATCH_SHARE = 0.05;

const u32 = fc.integer({ min: 0, max: 0xffffffff });
/** Finite normal operands with exponents in [lo, hi] around 1. */
function finite(lo: number, hi: number): fc.Arbitrary<string> {
  return fc
    .tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 16383 + lo, max: 16383 + hi }), u32, u32)
    .map(([s, e, h, l]) => f80Hex(f80(s, e, h | 0x80000000, l)));
}

/** Zeros, infinities, NaNs and unsupported encodings. */
const specialValue = fc.oneof(
  fc.constantFrom('00000000000000000000', '80000000000000000000', '7fff8000000000000000', 'ffff8000000000000000', 'ffffc000000000000000'),
  fc.tuple(fc.integer({ min: 0, max: 1 }), u32, u32).map(([s, h, l]) => f80Hex(f80(s, 0x7fff, (h | 0x80000000) >>> 0, l))),
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 1, max: 0x7ffe }), u32, u32).map(([s, e, h, l]) => f80Hex(f80(s, e, h & 0x7fffffff, l))),
);

/** Special values plus arguments beyond 2^63 (trig out of range: C2 set, operand unchanged). */
const specialTrig = fc.oneof(
  specialValue,
  fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 16383 + 63, max: 0x7ffe }), u32, u32).map(([s, e, h, l]) => f80Hex(f80(s, e, h | 0x80000000, l))),
);

/** Position of a finite F80 on the number line in units of its last place (same sign assumed). */
function ordinal(hex: string): bigint {
  const se = parseInt(hex.slice(0, 4), 16);
  const sig = BigInt(`0x${hex.slice(4, 20)}`);
  const exp = BigInt(se & 0x7fff);
  const v = exp === 0n ? sig : exp * (1n << 63n) + (sig & ((1n << 63n) - 1n));
  return se & 0x8000 ? -v : v;
}

/** A difference the documented precision gap allows: values one ulp apart, same non-precision flags and C2. */
function isOneUlp(m: Mismatch): boolean {
  const h = m.host.split(' ');
  const g = m.model.split(' ');
  if (h.length !== g.length) return false;
  const hs = parseInt(h[h.length - 1]!, 16);
  const gs = parseInt(g[g.length - 1]!, 16);
  const strict = 0x0f | 0x0400 | 0x4100;
  if ((hs & strict) !== (gs & strict)) return false;
  for (let i = 0; i < h.length - 1; i++) {
    const d = ordinal(h[i]!) - ordinal(g[i]!);
    if (d > 1n || d < -1n) return false;
  }
  return true;
}

interface Case {
  op: string;
  operand: fc.Arbitrary<[string, string]>;
}

const one = (a: fc.Arbitrary<string>): fc.Arbitrary<[string, string]> => a.map((x): [string, string] => [x, x]);
const cases: Case[] = [
  { op: 'fsin', operand: one(fc.oneof(finite(-40, 62), f80Arb)) },
  { op: 'fcos', operand: one(fc.oneof(finite(-40, 62), f80Arb)) },
  { op: 'fsincos', operand: one(fc.oneof(finite(-40, 62), f80Arb)) },
  { op: 'fptan', operand: one(fc.oneof(finite(-30, 62), f80Arb.filter((x) => (parseInt(x.slice(0, 4), 16) & 0x7fff) >= 16383 - 30))) },
  { op: 'f2xm1', operand: one(fc.oneof(finite(-70, -1), f80Arb)) },
  { op: 'fyl2x', operand: fc.tuple(fc.oneof(finite(-30, 30), f80Arb), fc.oneof(finite(-30, 30), f80Arb)) },
  { op: 'fyl2xp1', operand: fc.tuple(fc.oneof(finite(-40, -2), f80Arb), fc.oneof(finite(-30, 30), f80Arb)) },
  { op: 'fpatan', operand: fc.tuple(fc.oneof(finite(-30, 30), f80Arb), fc.oneof(finite(-30, 30), f80Arb)) },
];

describe('x87 transcendentals against the host', () => {
  it('fptan below 2^-30: within one ulp (the host rounds either way there, see README)', () => {
    const tiny = fc.oneof(finite(-16000, -31), f80Arb.filter((x) => (parseInt(x.slice(0, 4), 16) & 0x7fff) < 16383 - 30));
    const lines = sampleLines(fc.tuple(x87Control, tiny).map(([c, a]) => `fptan ${c} ${a} ${a}`), 300, seed);
    const beyond = compareWithHost(lines, evalX87, normalizeX87).filter((m) => !isOneUlp(m));
    expect(beyond, describeMismatches(beyond, seed)).toEqual([]);
  });
  for (const { op, operand } of cases) {
    it(`${op}: special operands agree exactly (300 operations)`, () => {
      const two = op === 'fyl2x' || op === 'fyl2xp1' || op === 'fpatan';
      const pair = two ? fc.oneof(fc.tuple(specialValue, f80Arb), fc.tuple(f80Arb, specialValue)) : one(op === 'f2xm1' ? specialValue : specialTrig);
      const lines = sampleLines(fc.tuple(x87Control, pair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), 300, seed);
      const bad = compareWithHost(lines, evalX87, normalizeX87);
      expect(bad, describeMismatches(bad, seed)).toEqual([]);
    });
    it(`${op}: finite operands agree bit for bit except rare one-ulp cases (600 operations)`, () => {
      const lines = sampleLines(fc.tuple(x87Control, operand).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), 600, seed);
      const bad = compareWithHost(lines, evalX87, normalizeX87);
      const beyond = bad.filter((m) => !isOneUlp(m));
      expect(beyond, describeMismatches(beyond, seed)).toEqual([]);
      expect(bad.length / lines.length, describeMismatches(bad, seed)).toBeLessThanOrEqual(MAX_MISMATCH_SHARE);
    });
  }
});
