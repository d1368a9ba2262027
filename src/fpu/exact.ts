// Exact (or sticky-extended) binary values shared by the x87 and SSE arithmetic:
// value = (-1)^sign * (m + sticky * tiny) * 2^e, where `sticky` says a nonzero remainder
// smaller than one unit of m's last bit was dropped.
import * as W from './wide.ts';

export interface Exact {
  sign: number;
  m: W.Wide;
  e: number;
  sticky: boolean;
}

/** Bits that every intermediate must carry so it can be rounded to 64 bits with guard and round bits. */
const WORK_BITS = 68;

export function exactAdd(a: Exact, b: Exact): Exact {
  // Caller guarantees both are nonzero and exact.
  let big = a;
  let small = b;
  const topA = a.e + W.bitLength(a.m);
  const topB = b.e + W.bitLength(b.m);
  if (topB > topA || (topB === topA && b.e > a.e)) {
    big = b;
    small = a;
  }
  const widen = Math.max(3, WORK_BITS - W.bitLength(big.m));
  const bigM = W.shl(big.m, widen);
  const bigE = big.e - widen;
  const smallTop = small.e + W.bitLength(small.m);
  if (smallTop < bigE) {
    // The smaller operand lies entirely below big's widened last bit: it only decides the sticky direction.
    if (big.sign === small.sign) return { sign: big.sign, m: bigM, e: bigE, sticky: true };
    return { sign: big.sign, m: W.sub(bigM, [1]), e: bigE, sticky: true };
  }
  const e = Math.min(bigE, small.e);
  const x = W.shl(bigM, bigE - e);
  const y = W.shl(small.m, small.e - e);
  if (big.sign === small.sign) return { sign: big.sign, m: W.add(x, y), e, sticky: false };
  const c = W.cmp(x, y);
  if (c === 0) return { sign: 0, m: [], e, sticky: false };
  return c > 0 ? { sign: big.sign, m: W.sub(x, y), e, sticky: false } : { sign: small.sign, m: W.sub(y, x), e, sticky: false };
}

export function exactMul(a: Exact, b: Exact): Exact {
  return { sign: a.sign ^ b.sign, m: W.mul(a.m, b.m), e: a.e + b.e, sticky: false };
}

/** a / b with at least WORK_BITS quotient bits; both nonzero. */
export function exactDiv(a: Exact, b: Exact): Exact {
  const k = Math.max(0, WORK_BITS + W.bitLength(b.m) - W.bitLength(a.m));
  const { q, r } = W.divmod(W.shl(a.m, k), b.m);
  return { sign: a.sign ^ b.sign, m: q, e: a.e - k - b.e, sticky: r.length !== 0 };
}

/** sqrt(|a|) with at least WORK_BITS result bits; a nonzero. */
export function exactSqrt(a: Exact): Exact {
  let k = Math.max(0, 2 * WORK_BITS - W.bitLength(a.m));
  if ((a.e - k) & 1) k++;
  const { s, exact } = W.isqrt(W.shl(a.m, k));
  return { sign: 0, m: s, e: (a.e - k) / 2, sticky: !exact };
}
