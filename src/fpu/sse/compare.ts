// CMPSS/CMPSD predicates, MINSS/MAXSS (and SD), COMISS/UCOMISS (and SD).
import * as W from '../wide.ts';
import { BinClass, type BinaryFormat, type Bits, type Decoded, encode } from '../binary.ts';
import { Mxcsr, type SseEnv } from './mxcsr.ts';
import { isNaN, operand, raiseDenormal } from './operands.ts';

export const SseOrdering = { Greater: 0, Less: 1, Equal: 2, Unordered: 3 } as const;

/** Ordering of two non-NaN decoded values. */
function orderNumbers(f: BinaryFormat, a: Decoded, b: Decoded): number {
  const aZero = a.cls === BinClass.Zero;
  const bZero = b.cls === BinClass.Zero;
  if (aZero && bZero) return SseOrdering.Equal;
  if (a.sign !== b.sign) return a.sign ? SseOrdering.Less : SseOrdering.Greater;
  // Same sign: compare exponent then fraction (denormals were flushed by DAZ already when requested).
  let c = a.exp !== b.exp ? (a.exp < b.exp ? -1 : 1) : W.cmp(a.frac, b.frac);
  if (aZero) c = -1;
  if (bZero) c = aZero ? 0 : 1;
  if (a.sign) c = -c;
  void f;
  return c > 0 ? SseOrdering.Greater : c < 0 ? SseOrdering.Less : SseOrdering.Equal;
}

/** Ordering with the flags of a compare: `signaling` raises IE for QNaNs too. */
export function sseOrder(f: BinaryFormat, a: Bits, b: Bits, signaling: boolean, env: SseEnv): number {
  const x = operand(f, a, env);
  const y = operand(f, b, env);
  if (isNaN(x) || isNaN(y)) {
    if (signaling || x.cls === BinClass.SNaN || y.cls === BinClass.SNaN) env.mxcsr |= Mxcsr.IE;
    return SseOrdering.Unordered;
  }
  raiseDenormal(env, x, y);
  return orderNumbers(f, x, y);
}

/** COMIS*: signaling; UCOMIS*: quiet. Returns ZF PF CF as bits 6, 2, 0 of EFLAGS. */
export function sseComi(f: BinaryFormat, a: Bits, b: Bits, signaling: boolean, env: SseEnv): number {
  switch (sseOrder(f, a, b, signaling, env)) {
    case SseOrdering.Greater:
      return 0;
    case SseOrdering.Less:
      return 0x01;
    case SseOrdering.Equal:
      return 0x40;
    default:
      return 0x45;
  }
}

/** CMPSS/CMPSD predicate 0..7 (EQ LT LE UNORD NEQ NLT NLE ORD): true or false. */
export function sseCmpPredicate(f: BinaryFormat, a: Bits, b: Bits, predicate: number, env: SseEnv): boolean {
  const signaling = predicate === 1 || predicate === 2 || predicate === 5 || predicate === 6;
  const o = sseOrder(f, a, b, signaling, env);
  const un = o === SseOrdering.Unordered;
  switch (predicate & 7) {
    case 0:
      return o === SseOrdering.Equal;
    case 1:
      return o === SseOrdering.Less;
    case 2:
      return o === SseOrdering.Less || o === SseOrdering.Equal;
    case 3:
      return un;
    case 4:
      return o !== SseOrdering.Equal;
    case 5:
      return o !== SseOrdering.Less;
    case 6:
      return !(o === SseOrdering.Less || o === SseOrdering.Equal);
    default:
      return !un;
  }
}

export function sseCmp(f: BinaryFormat, a: Bits, b: Bits, predicate: number, env: SseEnv): Bits {
  const t = sseCmpPredicate(f, a, b, predicate, env);
  if (!t) return { hi: 0, lo: 0 };
  return f.p === 24 ? { hi: 0, lo: 0xffffffff } : { hi: 0xffffffff, lo: 0xffffffff };
}

/**
 * MINSS/MAXSS/MINSD/MAXSD: the second operand unless the first is strictly smaller (larger);
 * any NaN raises IE and yields the second operand; DAZ-flushed operands are returned as zeros.
 */
export function sseMinMax(f: BinaryFormat, a: Bits, b: Bits, max: boolean, env: SseEnv): Bits {
  const x = operand(f, a, env);
  const y = operand(f, b, env);
  const o = sseOrder(f, a, b, true, env);
  const pickFirst = max ? o === SseOrdering.Greater : o === SseOrdering.Less;
  const d = pickFirst ? x : y;
  return d.cls === BinClass.Zero ? encode(f, d.sign, 0, []) : pickFirst ? a : b;
}
