// The limb arithmetic under every FPU operation, checked against BigInt (tests may use BigInt; src/ avoids it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as W from '../../src/fpu/wide.ts';

function toBig(a: W.Wide): bigint {
  let v = 0n;
  for (let i = a.length - 1; i >= 0; i--) v = (v << 16n) | BigInt(a[i]!);
  return v;
}

function fromBig(v: bigint): W.Wide {
  const out: number[] = [];
  while (v > 0n) {
    out.push(Number(v & 0xffffn));
    v >>= 16n;
  }
  return out;
}

const big = fc.bigInt({ min: 0n, max: (1n << 200n) - 1n });
const nonzero = fc.bigInt({ min: 1n, max: (1n << 130n) - 1n });

describe('wide naturals agree with BigInt', () => {
  it('add, sub, mul, cmp', () => {
    fc.assert(
      fc.property(big, big, (x, y) => {
        const a = fromBig(x);
        const b = fromBig(y);
        expect(toBig(W.add(a, b))).toBe(x + y);
        expect(toBig(W.mul(a, b))).toBe(x * y);
        expect(W.cmp(a, b)).toBe(x < y ? -1 : x > y ? 1 : 0);
        if (x >= y) expect(toBig(W.sub(a, b))).toBe(x - y);
      }),
      { numRuns: 500 },
    );
  });
  it('shifts, sticky bits and bit length', () => {
    fc.assert(
      fc.property(big, fc.integer({ min: 0, max: 230 }), (x, n) => {
        const a = fromBig(x);
        expect(toBig(W.shl(a, n))).toBe(x << BigInt(n));
        expect(toBig(W.shr(a, n))).toBe(x >> BigInt(n));
        expect(W.anyBelow(a, n)).toBe((x & ((1n << BigInt(n)) - 1n)) !== 0n);
        expect(W.bitLength(a)).toBe(x === 0n ? 0 : x.toString(2).length);
        expect(W.bits32(a, n)).toBe(Number((x >> BigInt(n)) & 0xffffffffn));
      }),
      { numRuns: 500 },
    );
  });
  it('divmod and isqrt', () => {
    fc.assert(
      fc.property(big, nonzero, (x, y) => {
        const { q, r } = W.divmod(fromBig(x), fromBig(y));
        expect(toBig(q)).toBe(x / y);
        expect(toBig(r)).toBe(x % y);
        const { s, exact } = W.isqrt(fromBig(x));
        const root = toBig(s);
        expect(root * root <= x && (root + 1n) * (root + 1n) > x).toBe(true);
        expect(exact).toBe(root * root === x);
      }),
      { numRuns: 300 },
    );
  });
});
