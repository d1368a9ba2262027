// IEEE binary32 and binary64 encodings (bits as hi:lo 32-bit halves; binary32 uses lo only).
import * as W from './wide.ts';
import type { Exact } from './exact.ts';
import type { Target } from './rounding.ts';

export interface BinaryFormat {
  /** Significand bits including the implicit leading bit. */
  readonly p: number;
  readonly ebits: number;
  readonly bias: number;
}

export const Binary32: BinaryFormat = { p: 24, ebits: 8, bias: 127 };
export const Binary64: BinaryFormat = { p: 53, ebits: 11, bias: 1023 };

export const BinClass = { Zero: 0, Denormal: 1, Normal: 2, Infinity: 3, QNaN: 4, SNaN: 5 } as const;

export interface Bits {
  hi: number;
  lo: number;
}

export interface Decoded {
  sign: number;
  exp: number;
  /** Fraction field (without the implicit bit). */
  frac: W.Wide;
  cls: number;
}

export function expMax(f: BinaryFormat): number {
  return (1 << f.ebits) - 1;
}

export function decode(f: BinaryFormat, hi: number, lo: number): Decoded {
  let sign: number;
  let exp: number;
  let frac: W.Wide;
  if (f.p === 24) {
    sign = lo >>> 31;
    exp = (lo >>> 23) & 0xff;
    frac = W.fromU32(lo & 0x7fffff);
  } else {
    sign = hi >>> 31;
    exp = (hi >>> 20) & 0x7ff;
    frac = W.fromU64(hi & 0xfffff, lo);
  }
  const zeroFrac = frac.length === 0;
  let cls: number;
  if (exp === 0) cls = zeroFrac ? BinClass.Zero : BinClass.Denormal;
  else if (exp === expMax(f)) {
    if (zeroFrac) cls = BinClass.Infinity;
    else cls = W.testBit(frac, f.p - 2) ? BinClass.QNaN : BinClass.SNaN;
  } else cls = BinClass.Normal;
  return { sign, exp, frac, cls };
}

export function encode(f: BinaryFormat, sign: number, exp: number, frac: W.Wide): Bits {
  if (f.p === 24) return { hi: 0, lo: ((sign << 31) | (exp << 23) | W.bits32(frac, 0)) >>> 0 };
  return { hi: ((sign << 31) | (exp << 20) | (W.bits32(frac, 32) & 0xfffff)) >>> 0, lo: W.bits32(frac, 0) };
}

/** Exact value of a finite decoded value. */
export function decodedToExact(f: BinaryFormat, d: Decoded): Exact {
  const frac = d.exp === 0 ? d.frac : W.add(d.frac, W.shl([1], f.p - 1));
  const e = (d.exp === 0 ? 1 : d.exp) - f.bias - (f.p - 1);
  return { sign: d.sign, m: frac, e, sticky: false };
}

export function binaryTarget(f: BinaryFormat): Target {
  return { p: f.p, emin: 1 - f.bias, emax: expMax(f) - 1 - f.bias };
}

/** Encode a rounded significand m (value m * 2^q, fitting the format, already range-checked). */
export function encodeParts(f: BinaryFormat, sign: number, m: W.Wide, q: number): Bits {
  if (m.length === 0) return encode(f, sign, 0, []);
  const top = q + W.bitLength(m) - 1;
  const emin = 1 - f.bias;
  if (top < emin) {
    // Denormal: fraction bits are m shifted so that its unit is 2^(emin - p + 1).
    return encode(f, sign, 0, W.shl(m, q - (emin - f.p + 1)));
  }
  const full = W.shl(m, f.p - 1 - (top - q));
  const frac = W.sub(full, W.shl([1], f.p - 1));
  return encode(f, sign, top + f.bias, frac);
}

export function infinityBits(f: BinaryFormat, sign: number): Bits {
  return encode(f, sign, expMax(f), []);
}

export function maxFiniteBits(f: BinaryFormat, sign: number): Bits {
  return encode(f, sign, expMax(f) - 1, W.sub(W.shl([1], f.p - 1), [1]));
}

/** The default QNaN (negative, only the quiet bit set): SSE's QNaN indefinite. */
export function defaultNaNBits(f: BinaryFormat): Bits {
  return encode(f, 1, expMax(f), W.shl([1], f.p - 2));
}
