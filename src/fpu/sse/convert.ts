// CVTSS2SD, CVTSD2SS, CVTSI2SS/SD, CVT(T)SS2SI/CVT(T)SD2SI.
import * as W from '../wide.ts';
import { BinClass, type BinaryFormat, type Bits, decodedToExact, encode, expMax, infinityBits } from '../binary.ts';
import { RoundingMode, roundAt } from '../rounding.ts';
import { Mxcsr, type SseEnv, roundingOf } from './mxcsr.ts';
import { isNaN, operand, raiseDenormal } from './operands.ts';
import { roundResult } from './result.ts';

/** Convert between binary32 and binary64: NaNs keep their payload's top bits and are quieted. */
export function sseConvertFloat(from: BinaryFormat, to: BinaryFormat, a: Bits, env: SseEnv): Bits {
  const x = operand(from, a, env);
  if (isNaN(x)) {
    if (x.cls === BinClass.SNaN) env.mxcsr |= Mxcsr.IE;
    const frac = W.shl(x.frac, Math.max(0, to.p - from.p));
    const f2 = W.shr(frac, Math.max(0, from.p - to.p));
    return encode(to, x.sign, expMax(to), W.add(f2, W.testBit(f2, to.p - 2) ? [] : W.shl([1], to.p - 2)));
  }
  if (x.cls === BinClass.Zero) return encode(to, x.sign, 0, []);
  if (x.cls === BinClass.Infinity) return infinityBits(to, x.sign);
  raiseDenormal(env, x);
  return roundResult(to, decodedToExact(from, x), env);
}

/** CVTSI2SS/SD: a two's-complement integer (hi:lo, sign-extended by the caller) rounded with MXCSR.RC. */
export function sseFromInt(to: BinaryFormat, hi: number, lo: number, env: SseEnv): Bits {
  const { negative, m } = W.fromI64(hi, lo);
  if (m.length === 0) return encode(to, 0, 0, []);
  return roundResult(to, { sign: negative, m, e: 0, sticky: false }, env);
}

/** CVTSS2SI/CVTSD2SI (rounding control) and the CVTT forms (truncate), 32- or 64-bit destinations. */
export function sseToInt(from: BinaryFormat, a: Bits, bits: 32 | 64, truncate: boolean, env: SseEnv): Bits {
  const indefinite = bits === 64 ? { hi: 0x80000000, lo: 0 } : { hi: 0, lo: 0x80000000 };
  const x = operand(from, a, env);
  if (isNaN(x) || x.cls === BinClass.Infinity) {
    env.mxcsr |= Mxcsr.IE;
    return indefinite;
  }
  // No DE here: conversions to integers only signal invalid and precision.
  if (x.cls === BinClass.Zero) return { hi: 0, lo: 0 };
  const r = roundAt(decodedToExact(from, x), 0, truncate ? RoundingMode.Zero : roundingOf(env));
  const len = W.bitLength(r.m);
  const fits = len < bits || (len === bits && x.sign === 1 && W.bitLength(W.sub(r.m, [1])) < bits);
  if (!fits) {
    env.mxcsr |= Mxcsr.IE;
    return indefinite;
  }
  if (r.inexact) env.mxcsr |= Mxcsr.PE;
  let h = W.bits32(r.m, 32);
  let l = W.bits32(r.m, 0);
  if (x.sign && r.m.length !== 0) {
    l = (~l + 1) >>> 0;
    h = (~h + (l === 0 ? 1 : 0)) >>> 0;
  }
  return bits === 32 ? { hi: 0, lo: l } : { hi: h, lo: l };
}
