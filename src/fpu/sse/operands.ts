// Operand screening shared by SSE operations: DAZ, NaN selection (first operand's NaN wins), DE.
import * as W from '../wide.ts';
import { BinClass, type BinaryFormat, type Bits, type Decoded, decode, defaultNaNBits, encode } from '../binary.ts';
import { Mxcsr, type SseEnv } from './mxcsr.ts';

/** Decode an operand, flushing a denormal to a signed zero when DAZ is set. */
export function operand(f: BinaryFormat, x: Bits, env: SseEnv): Decoded {
  const d = decode(f, x.hi, x.lo);
  if (d.cls === BinClass.Denormal && env.mxcsr & Mxcsr.DAZ) return { sign: d.sign, exp: 0, frac: [], cls: BinClass.Zero };
  return d;
}

export function isNaN(d: Decoded): boolean {
  return d.cls === BinClass.QNaN || d.cls === BinClass.SNaN;
}

export function quietBits(f: BinaryFormat, d: Decoded): Bits {
  return encode(f, d.sign, d.exp, W.add(d.frac, W.testBit(d.frac, f.p - 2) ? [] : W.shl([1], f.p - 2)));
}

/** NaN result of a two-operand operation: IE for any SNaN, first operand's NaN wins, quieted. */
export function nanResult2(f: BinaryFormat, a: Decoded, b: Decoded, env: SseEnv): Bits {
  if (a.cls === BinClass.SNaN || b.cls === BinClass.SNaN) env.mxcsr |= Mxcsr.IE;
  return quietBits(f, isNaN(a) ? a : b);
}

export function nanResult1(f: BinaryFormat, a: Decoded, env: SseEnv): Bits {
  if (a.cls === BinClass.SNaN) env.mxcsr |= Mxcsr.IE;
  return quietBits(f, a);
}

export function invalidResult(f: BinaryFormat, env: SseEnv): Bits {
  env.mxcsr |= Mxcsr.IE;
  return defaultNaNBits(f);
}

export function raiseDenormal(env: SseEnv, ...ds: Decoded[]): void {
  for (const d of ds) if (d.cls === BinClass.Denormal) env.mxcsr |= Mxcsr.DE;
}
