// FILD, FIST/FISTP, FISTTP, FRNDINT: integers and rounding to integral values.
import * as W from '../wide.ts';
import { RoundingMode, roundAt } from '../rounding.ts';
import { F80Class, classify } from './classify.ts';
import { raiseDenormal, screen1 } from './operands.ts';
import { fromParts, zero } from './pack.ts';
import { X87Flag, type F80, type X87Env } from './types.ts';

/** FILD: a two's-complement integer of up to 64 bits (hi:lo, sign-extended by the caller), exact. */
export function f80FromInt64(hi: number, lo: number, env: X87Env): F80 {
  env.c1 = 0;
  const { negative, m } = W.fromI64(hi, lo);
  return m.length === 0 ? zero(0) : fromParts(negative, m, 0);
}

/** Integer width in bits: 16, 32 or 64. The result is two's complement as hi:lo (hi = 0xffffffff sign fill for narrow negatives). */
export interface IntResult {
  hi: number;
  lo: number;
}

/** The integer indefinite for a width: the most negative value. */
export function integerIndefinite(bits: number): IntResult {
  if (bits === 64) return { hi: 0x80000000, lo: 0 };
  return { hi: 0xffffffff, lo: bits === 32 ? 0x80000000 : 0xffff8000 };
}

function toIntBits(sign: number, m: W.Wide, bits: number): IntResult | null {
  // magnitude limit: 2^(bits-1) - 1 positive, 2^(bits-1) negative
  const len = W.bitLength(m);
  if (len > bits) return null;
  if (len === bits && !(sign === 1 && W.bitLength(W.sub(m, [1])) < bits)) return null;
  let h = W.bits32(m, 32);
  let l = W.bits32(m, 0);
  if (sign && m.length !== 0) {
    l = (~l + 1) >>> 0;
    h = (~h + (l === 0 ? 1 : 0)) >>> 0;
  }
  if (bits < 64) h = sign && m.length !== 0 ? 0xffffffff : 0;
  return { hi: h, lo: l };
}

/** FIST/FISTP (rounding control) or FISTTP (truncate = true). */
export function f80ToInt(a: F80, bits: number, truncate: boolean, env: X87Env): IntResult {
  env.c1 = 0;
  const c = classify(a);
  if (c === F80Class.Unsupported || c === F80Class.QNaN || c === F80Class.SNaN || c === F80Class.Infinity) {
    env.flags |= X87Flag.IE;
    return integerIndefinite(bits);
  }
  if (c === F80Class.Zero) return { hi: 0, lo: 0 };
  const e = (a.exp === 0 ? 1 : a.exp) - 16383 - 63;
  const r = roundAt({ sign: a.sign, m: W.fromU64(a.hi, a.lo), e, sticky: false }, 0, truncate ? RoundingMode.Zero : env.rc);
  const out = toIntBits(a.sign, r.m, bits);
  if (!out) {
    env.flags |= X87Flag.IE;
    return integerIndefinite(bits);
  }
  if (r.inexact) {
    env.flags |= X87Flag.PE;
    env.c1 = r.up ? 1 : 0;
  }
  return out;
}

/** FRNDINT: round to an integral value with the rounding control (full 64-bit significand). */
export function f80RoundInt(a: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen1(a, env);
  if (s.result) return s.result;
  raiseDenormal(env, s.denormal);
  if (s.ca === F80Class.Zero || s.ca === F80Class.Infinity) return a;
  const e = (a.exp === 0 ? 1 : a.exp) - 16383 - 63;
  if (e >= 0) return a;
  const r = roundAt({ sign: a.sign, m: W.fromU64(a.hi, a.lo), e, sticky: false }, 0, env.rc);
  if (r.inexact) {
    env.flags |= X87Flag.PE;
    env.c1 = r.up ? 1 : 0;
  }
  return fromParts(a.sign, r.m, 0);
}
