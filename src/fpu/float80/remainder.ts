// FPREM (truncating quotient) and FPREM1 (IEEE round-to-nearest quotient), with partial remainders.
import * as W from '../wide.ts';
import { F80Class } from './classify.ts';
import { Cond } from './compare.ts';
import { invalid } from './nan.ts';
import { raiseDenormal, screen2 } from './operands.ts';
import { fromParts, toExact, zero } from './pack.ts';
import { f80, type F80, type X87Env } from './types.ts';

export interface RemainderResult {
  value: F80;
  /** C0, C1, C2, C3 in status-word positions: C2 = incomplete, C0 C3 C1 = quotient bits 2 1 0 when complete. */
  cond: number;
}

function quotientCond(q: W.Wide): number {
  return (W.testBit(q, 2) ? Cond.C0 : 0) | (W.testBit(q, 1) ? Cond.C3 : 0) | (W.testBit(q, 0) ? Cond.C1 : 0);
}

/** A pseudo-denormal operand passed through comes back with exponent 1. */
function normalized(a: F80): F80 {
  return a.exp === 0 && a.hi >>> 31 ? f80(a.sign, 1, a.hi, a.lo) : a;
}

export function f80Remainder(a: F80, b: F80, ieee: boolean, env: X87Env): RemainderResult {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return { value: s.result, cond: 0 };
  if (s.ca === F80Class.Infinity || s.cb === F80Class.Zero) return { value: invalid(env), cond: 0 };
  raiseDenormal(env, s.denormal);
  if (s.ca === F80Class.Zero) return { value: a, cond: 0 };
  if (s.cb === F80Class.Infinity) return { value: normalized(a), cond: 0 };
  const x = toExact(a);
  const y = toExact(b);
  const tx = x.e + W.bitLength(x.m) - 1;
  const ty = y.e + W.bitLength(y.m) - 1;
  const d = tx - ty;
  if (d < 0 && !ieee) return { value: normalized(a), cond: 0 };
  let partialShift = 0;
  if (d >= 64) partialShift = d - (32 + (d & 31));
  const ye = y.e + partialShift;
  const e = Math.min(x.e, ye);
  const A = W.shl(x.m, x.e - e);
  const B = W.shl(y.m, ye - e);
  let { q, r } = W.divmod(A, B);
  let sign = a.sign;
  if (ieee && partialShift === 0) {
    const twice = W.shl(r, 1);
    const c = W.cmp(twice, B);
    if (c > 0 || (c === 0 && W.testBit(q, 0))) {
      q = W.add(q, [1]);
      r = W.sub(B, r);
      sign ^= 1;
    }
  }
  const value = r.length === 0 ? zero(a.sign) : fromParts(sign, r, e);
  if (partialShift !== 0) return { value, cond: Cond.C2 };
  return { value, cond: quotientCond(q) };
}
