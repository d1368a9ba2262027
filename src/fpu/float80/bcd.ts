// FBLD and FBSTP: 18-digit packed BCD (9 bytes of digit pairs, then a sign byte).
import * as W from '../wide.ts';
import { roundAt } from '../rounding.ts';
import { F80Class, classify } from './classify.ts';
import { fromParts, zero } from './pack.ts';
import { X87Flag, type F80, type X87Env } from './types.ts';

/** FBLD from 10 bytes (little-endian, byte 9 holds the sign in bit 7). Digits are assumed valid. */
export function f80FromBcd(bytes: ArrayLike<number>, env: X87Env): F80 {
  env.c1 = 0;
  let m: W.Wide = [];
  for (let i = 8; i >= 0; i--) {
    const b = bytes[i]!;
    m = W.add(W.mul(m, [100]), W.fromNumber((b >> 4) * 10 + (b & 15)));
  }
  const sign = (bytes[9]! >> 7) & 1;
  return m.length === 0 ? zero(sign) : fromParts(sign, m, 0);
}

const BCD_INDEFINITE = [0, 0, 0, 0, 0, 0, 0, 0xc0, 0xff, 0xff];
const LIMIT = W.mul(W.fromNumber(1e9), W.fromNumber(1e9));

/** FBSTP: round with the rounding control and store as 10 bytes; out of range gives the BCD indefinite. */
export function f80ToBcd(a: F80, env: X87Env): number[] {
  env.c1 = 0;
  const c = classify(a);
  if (c === F80Class.Unsupported || c === F80Class.QNaN || c === F80Class.SNaN || c === F80Class.Infinity) {
    env.flags |= X87Flag.IE;
    return BCD_INDEFINITE.slice();
  }
  const out = new Array<number>(10).fill(0);
  out[9] = a.sign ? 0x80 : 0;
  if (c === F80Class.Zero) return out;
  const e = (a.exp === 0 ? 1 : a.exp) - 16383 - 63;
  const r = roundAt({ sign: a.sign, m: W.fromU64(a.hi, a.lo), e, sticky: false }, 0, env.rc);
  if (W.cmp(r.m, LIMIT) >= 0) {
    env.flags |= X87Flag.IE;
    return BCD_INDEFINITE.slice();
  }
  if (r.inexact) {
    env.flags |= X87Flag.PE;
    env.c1 = r.up ? 1 : 0;
  }
  let v = r.m;
  for (let i = 0; i < 9; i++) {
    const { q, r: rem } = W.divmod(v, [100]);
    const two = W.toNumber(rem);
    out[i] = ((Math.floor(two / 10) << 4) | (two % 10)) & 0xff;
    v = q;
  }
  return out;
}
