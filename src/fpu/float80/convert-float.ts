// FLD m32/m64 (exact widening) and FST/FSTP m32/m64 (rounding with RC, not PC).
import * as W from '../wide.ts';
import { BinClass, type BinaryFormat, binaryTarget, decode, decodedToExact, defaultNaNBits, encode, encodeParts, expMax, infinityBits, maxFiniteBits, type Bits } from '../binary.ts';
import { overflowToInfinity, roundExact } from '../rounding.ts';
import { F80Class, classify } from './classify.ts';
import { fromParts, infinity, toExact, zero } from './pack.ts';
import { EXP_MAX, X87Flag, f80, type F80, type X87Env } from './types.ts';

/** Widen binary32/64 bits to F80 exactly, without any flags (what an arithmetic memory operand sees). */
export function widenToF80(f: BinaryFormat, hi: number, lo: number): F80 {
  const d = decode(f, hi, lo);
  switch (d.cls) {
    case BinClass.Zero:
      return zero(d.sign);
    case BinClass.Infinity:
      return infinity(d.sign);
    case BinClass.QNaN:
    case BinClass.SNaN: {
      const s = W.shl(d.frac, 64 - f.p);
      return f80(d.sign, EXP_MAX, W.bits32(s, 32) | 0x80000000, W.bits32(s, 0));
    }
    default: {
      const x = decodedToExact(f, d);
      return fromParts(d.sign, x.m, x.e);
    }
  }
}

/** FLD m32/m64: SNaN raises IE and is quieted, a denormal source raises DE. */
export function f80Load(f: BinaryFormat, hi: number, lo: number, env: X87Env): F80 {
  env.c1 = 0;
  const d = decode(f, hi, lo);
  const r = widenToF80(f, hi, lo);
  if (d.cls === BinClass.SNaN) {
    env.flags |= X87Flag.IE;
    return f80(r.sign, r.exp, r.hi | 0x40000000, r.lo);
  }
  if (d.cls === BinClass.Denormal) env.flags |= X87Flag.DE;
  return r;
}

/** FST m32/m64: round to the memory format with the rounding control. */
export function f80Store(f: BinaryFormat, a: F80, env: X87Env): Bits {
  env.c1 = 0;
  const c = classify(a);
  switch (c) {
    case F80Class.Unsupported:
      env.flags |= X87Flag.IE;
      return defaultNaNBits(f);
    case F80Class.SNaN:
    case F80Class.QNaN: {
      if (c === F80Class.SNaN) env.flags |= X87Flag.IE;
      const sig = W.fromU64(a.hi | 0x40000000, a.lo);
      const frac = W.shr(sig, 64 - f.p);
      return encode(f, a.sign, expMax(f), W.sub(frac, W.shl([1], f.p - 1)));
    }
    case F80Class.Zero:
      return encode(f, a.sign, 0, []);
    case F80Class.Infinity:
      return infinityBits(f, a.sign);
  }
  const r = roundExact(toExact(a), binaryTarget(f), env.rc);
  if (r.overflow) {
    env.flags |= X87Flag.OE | X87Flag.PE;
    const inf = overflowToInfinity(env.rc, r.sign);
    env.c1 = inf ? 1 : 0;
    return inf ? infinityBits(f, r.sign) : maxFiniteBits(f, r.sign);
  }
  if (r.inexact) {
    env.flags |= X87Flag.PE;
    if (r.tinyAfter) env.flags |= X87Flag.UE;
  }
  env.c1 = r.roundedUp ? 1 : 0;
  return encodeParts(f, r.sign, r.m, r.q);
}
