// Converting between F80 fields and exact values, and rounding exact results into an F80.
import * as W from '../wide.ts';
import type { Exact } from '../exact.ts';
import { overflowToInfinity, roundExact, type Target } from '../rounding.ts';
import { BIAS, EXP_MAX, X87Flag, f80, type F80, type X87Env, PrecisionControl } from './types.ts';

/** Exact value of a finite F80 (zero, denormal, pseudo-denormal, normal). */
export function toExact(x: F80): Exact {
  const e = (x.exp === 0 ? 1 : x.exp) - BIAS - 63;
  return { sign: x.sign, m: W.fromU64(x.hi, x.lo), e, sticky: false };
}

export function precisionBits(pc: number): number {
  return pc === PrecisionControl.Single ? 24 : pc === PrecisionControl.Double ? 53 : 64;
}

export function f80Target(p: number): Target {
  return { p, emin: 1 - BIAS, emax: EXP_MAX - 1 - BIAS };
}

export function infinity(sign: number): F80 {
  return f80(sign, EXP_MAX, 0x80000000, 0);
}

export function zero(sign: number): F80 {
  return f80(sign, 0, 0, 0);
}

/** Largest finite F80 with p significand bits. */
export function maxFinite(sign: number, p: number): F80 {
  const ones = W.shl(W.sub(W.shl([1], p), [1]), 64 - p);
  return f80(sign, EXP_MAX - 1, W.bits32(ones, 32), W.bits32(ones, 0));
}

/** F80 from a significand m (bits placed so value = m * 2^q); m must fit the format. */
export function fromParts(sign: number, m: W.Wide, q: number): F80 {
  if (m.length === 0) return zero(sign);
  const top = q + W.bitLength(m) - 1;
  let exp = top + BIAS;
  let shift: number;
  if (exp >= 1) shift = 63 - (top - q);
  else {
    exp = 0;
    shift = q - (1 - BIAS - 63);
  }
  const s = W.shl(m, shift);
  return f80(sign, exp, W.bits32(s, 32), W.bits32(s, 0));
}

/**
 * Round a nonzero exact value at precision p (default: the env's precision control) and apply the masked
 * overflow/underflow responses, setting PE, UE, OE and C1 like the x87.
 */
export function roundToF80(x: Exact, env: X87Env, p = precisionBits(env.pc)): F80 {
  const r = roundExact(x, f80Target(p), env.rc);
  if (r.overflow) {
    env.flags |= X87Flag.OE | X87Flag.PE;
    const inf = overflowToInfinity(env.rc, r.sign);
    env.c1 = inf ? 1 : 0;
    return inf ? infinity(r.sign) : maxFinite(r.sign, p);
  }
  if (r.inexact) {
    env.flags |= X87Flag.PE;
    if (TINY_AFTER_ROUNDING ? r.tinyAfter : r.tinyBefore) env.flags |= X87Flag.UE;
  }
  env.c1 = r.roundedUp ? 1 : 0;
  return fromParts(r.sign, r.m, r.q);
}

/** x87 detects tininess after rounding (set false to model before-rounding detection). */
const TINY_AFTER_ROUNDING = true;
