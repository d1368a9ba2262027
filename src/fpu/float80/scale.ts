// FSCALE (multiply by 2^trunc(ST1)) and FXTRACT (split into exponent and significand).
import * as W from '../wide.ts';
import { F80Class } from './classify.ts';
import { invalid } from './nan.ts';
import { raiseDenormal, screen1, screen2 } from './operands.ts';
import { fromParts, infinity, roundToF80, toExact, zero } from './pack.ts';
import { X87Flag, type F80, type X87Env } from './types.ts';

/** trunc(b) for a finite b, clamped far beyond any exponent that can still matter. */
function truncatedScale(b: F80): number {
  const x = toExact(b);
  const top = x.e + W.bitLength(x.m) - 1;
  if (top >= 20) return b.sign ? -(1 << 20) : 1 << 20;
  const n = W.toNumber(W.shr(x.m, -x.e));
  return b.sign ? -n : n;
}

export function f80Scale(a: F80, b: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return s.result;
  const aZero = s.ca === F80Class.Zero;
  const aInf = s.ca === F80Class.Infinity;
  if (s.cb === F80Class.Infinity) {
    if (b.sign === 0 && aZero) return invalid(env);
    if (b.sign === 1 && aInf) return invalid(env);
    raiseDenormal(env, s.denormal);
    if (aZero || aInf) return a;
    return b.sign ? zero(a.sign) : infinity(a.sign);
  }
  raiseDenormal(env, s.denormal);
  if (aZero || aInf) return a;
  const x = toExact(a);
  x.e += truncatedScale(b);
  return roundToF80(x, env, SCALE_PRECISION);
}

/** FSCALE rounds to the full 64-bit significand whatever the precision control. */
const SCALE_PRECISION = 64;

export interface Extracted {
  significand: F80;
  exponent: F80;
}

export function f80Extract(a: F80, env: X87Env): Extracted {
  env.c1 = 0;
  const s = screen1(a, env);
  if (s.result) return { significand: s.result, exponent: s.result };
  if (s.ca === F80Class.Zero) {
    env.flags |= X87Flag.ZE;
    return { significand: a, exponent: infinity(1) };
  }
  if (s.ca === F80Class.Infinity) return { significand: a, exponent: infinity(0) };
  raiseDenormal(env, s.denormal);
  const x = toExact(a);
  const top = x.e + W.bitLength(x.m) - 1;
  const significand = fromParts(a.sign, x.m, -(W.bitLength(x.m) - 1));
  const exponent = top === 0 ? zero(0) : fromParts(top < 0 ? 1 : 0, W.fromNumber(Math.abs(top)), 0);
  return { significand, exponent };
}
