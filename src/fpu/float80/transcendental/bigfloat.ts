// Binary floating-point numbers with a BigInt significand and ~200 bits of relative precision, for the
// transcendental instructions only (rarely executed, so BigInt is acceptable here). value = m * 2^e.

export interface BF {
  m: bigint;
  e: number;
}

/** Significand bits kept after every operation (truncation error < 2^-190 relative). */
const P = 200;

function bitLen(x: bigint): number {
  return x === 0n ? 0 : (x < 0n ? -x : x).toString(2).length;
}

export function norm(x: BF): BF {
  const n = bitLen(x.m);
  if (n <= P) return x;
  const s = n - P;
  return { m: x.m >> BigInt(s), e: x.e + s };
}

export function bf(m: bigint, e = 0): BF {
  return norm({ m, e });
}

export function add(a: BF, b: BF): BF {
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  // Align to the smaller exponent, but never shift a term by more than it can matter.
  const ta = a.e + bitLen(a.m);
  const tb = b.e + bitLen(b.m);
  // A negligible term still decides the direction of the error: keep it as one unit below the precision.
  if (ta - tb > P + 8) return nudge(a, b.m < 0n ? -1n : 1n);
  if (tb - ta > P + 8) return nudge(b, a.m < 0n ? -1n : 1n);
  const e = Math.min(a.e, b.e);
  return norm({ m: (a.m << BigInt(a.e - e)) + (b.m << BigInt(b.e - e)), e });
}

function nudge(x: BF, direction: bigint): BF {
  const widen = P + 16 - bitLen(x.m);
  const m = widen > 0 ? x.m << BigInt(widen) : x.m;
  const e = widen > 0 ? x.e - widen : x.e;
  return { m: m + direction, e };
}

export function neg(a: BF): BF {
  return { m: -a.m, e: a.e };
}

export function sub(a: BF, b: BF): BF {
  return add(a, neg(b));
}

export function mul(a: BF, b: BF): BF {
  return norm({ m: a.m * b.m, e: a.e + b.e });
}

export function div(a: BF, b: BF): BF {
  const shift = P + 8 + bitLen(b.m) - bitLen(a.m);
  const s = Math.max(0, shift);
  return norm({ m: (a.m << BigInt(s)) / b.m, e: a.e - s - b.e });
}

export function divInt(a: BF, n: number): BF {
  return div(a, { m: BigInt(n), e: 0 });
}

export function isZero(a: BF): boolean {
  return a.m === 0n;
}

/** |a| compared with 2^k: the exponent of a's leading bit. */
export function topExponent(a: BF): number {
  return a.e + bitLen(a.m) - 1;
}

export function sqrt(a: BF): BF {
  // integer sqrt of m * 2^(e) with 2P bits
  let m = a.m;
  let e = a.e;
  const extra = 2 * P + 8 - bitLen(m);
  if (extra > 0) {
    m <<= BigInt(extra);
    e -= extra;
  }
  if (e & 1) {
    m <<= 1n;
    e -= 1;
  }
  let r = 1n << BigInt((bitLen(m) >> 1) + 1);
  for (;;) {
    const next = (r + m / r) >> 1n;
    if (next >= r) break;
    r = next;
  }
  return norm({ m: r, e: e / 2 });
}

export const ONE: BF = { m: 1n, e: 0 };

/** Sum of a series until its terms fall below the precision of `scale`'s magnitude. */
export function seriesDone(term: BF, sum: BF): boolean {
  return term.m === 0n || topExponent(term) < topExponent(sum) - P - 8;
}
