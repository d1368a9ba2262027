// Classes of 80-bit values as the x87 sees them (Intel SDM vol. 1 table 8-3).
import type { F80 } from './types.ts';
import { EXP_MAX } from './types.ts';

export const F80Class = {
  Zero: 0,
  Denormal: 1,
  /** Exponent 0 with the integer bit set: treated as a denormal operand of exponent 1. */
  PseudoDenormal: 2,
  Normal: 3,
  Infinity: 4,
  QNaN: 5,
  SNaN: 6,
  /** Unnormal, pseudo-infinity, pseudo-NaN: invalid operands since the 387. */
  Unsupported: 7,
} as const;

export function classify(x: F80): number {
  const intBit = x.hi >>> 31;
  if (x.exp === 0) {
    if (x.hi === 0 && x.lo === 0) return F80Class.Zero;
    return intBit ? F80Class.PseudoDenormal : F80Class.Denormal;
  }
  if (!intBit) return F80Class.Unsupported;
  if (x.exp === EXP_MAX) {
    if ((x.hi & 0x7fffffff) === 0 && x.lo === 0) return F80Class.Infinity;
    return x.hi & 0x40000000 ? F80Class.QNaN : F80Class.SNaN;
  }
  return F80Class.Normal;
}

export function isNaNClass(c: number): boolean {
  return c === F80Class.QNaN || c === F80Class.SNaN;
}

export function isDenormalClass(c: number): boolean {
  return c === F80Class.Denormal || c === F80Class.PseudoDenormal;
}
