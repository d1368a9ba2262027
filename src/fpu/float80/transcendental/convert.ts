// Between F80 values and BigFloats, and rounding an inexact BigFloat result into an F80.
import type { Exact } from '../../exact.ts';
import { roundToF80 } from '../pack.ts';
import { BIAS, type F80, type X87Env } from '../types.ts';
import type { BF } from './bigfloat.ts';

export function toBF(x: F80): BF {
  const m = (BigInt(x.hi) << 32n) | BigInt(x.lo);
  return { m: x.sign ? -m : m, e: (x.exp === 0 ? 1 : x.exp) - BIAS - 63 };
}

function toExact(x: BF, sticky: boolean): Exact {
  let mag = x.m < 0n ? -x.m : x.m;
  let e = x.e;
  // Rounding with a sticky remainder needs bits well below the 64th.
  const len = mag.toString(2).length;
  if (len < 96) {
    mag <<= BigInt(96 - len);
    e -= 96 - len;
  }
  const limbs: number[] = [];
  while (mag > 0n) {
    limbs.push(Number(mag & 0xffffn));
    mag >>= 16n;
  }
  return { sign: x.m < 0n ? 1 : 0, m: limbs, e, sticky };
}

/** Round a nonzero transcendental result (irrational unless `exact`) to the 64-bit significand. */
export function roundBF(x: BF, env: X87Env, exact = false): F80 {
  return roundToF80(toExact(x, !exact), env, TRANSCENDENTAL_PRECISION);
}

/** Transcendental results are rounded to 64 bits whatever the precision control. */
const TRANSCENDENTAL_PRECISION = 64;
