// Rounding an Exact value to a binary format with p significand bits and a bounded exponent range.
import * as W from './wide.ts';
import type { Exact } from './exact.ts';

export const RoundingMode = { Nearest: 0, Down: 1, Up: 2, Zero: 3 } as const;

export interface Target {
  /** Significand bits kept, including the leading bit. */
  p: number;
  /** Exponent of the leading bit of the smallest normal number. */
  emin: number;
  /** Exponent of the leading bit of the largest finite number. */
  emax: number;
}

export interface Rounded {
  sign: number;
  /** Rounded significand (< 2^p); zero for a zero result. */
  m: W.Wide;
  /** value = m * 2^q */
  q: number;
  inexact: boolean;
  /** Magnitude was increased by rounding (x87 C1). */
  roundedUp: boolean;
  /** Result exponent exceeds emax (m and q are then meaningless). */
  overflow: boolean;
  /** Tiny before rounding: the exact value is below the smallest normal. */
  tinyBefore: boolean;
  /** Tiny after rounding: rounding with an unbounded exponent still gives a value below the smallest normal. */
  tinyAfter: boolean;
}

function roundsUp(mode: number, sign: number, odd: boolean, half: boolean, rest: boolean): boolean {
  switch (mode) {
    case RoundingMode.Nearest:
      return half && (rest || odd);
    case RoundingMode.Down:
      return sign === 1 && (half || rest);
    case RoundingMode.Up:
      return sign === 0 && (half || rest);
    default:
      return false;
  }
}

/** Keep the bits of x at and above 2^q (x = m * 2^e + sticky): m of the result is in units of 2^q. */
export function roundAt(x: Exact, q: number, mode: number): { m: W.Wide; inexact: boolean; up: boolean } {
  const d = q - x.e;
  if (d <= 0) {
    if (x.sticky && d < 0) throw new Error('rounding: not enough intermediate bits');
    return { m: W.shl(x.m, -d), inexact: x.sticky, up: x.sticky && roundsUp(mode, x.sign, false, false, true) };
  }
  let kept = W.shr(x.m, d);
  const half = W.testBit(x.m, d - 1);
  const rest = x.sticky || W.anyBelow(x.m, d - 1);
  const inexact = half || rest;
  const up = inexact && roundsUp(mode, x.sign, W.testBit(kept, 0), half, rest);
  if (up) kept = W.add(kept, [1]);
  return { m: kept, inexact, up };
}

/** x must be nonzero (m nonzero). */
export function roundExact(x: Exact, t: Target, mode: number): Rounded {
  const top = x.e + W.bitLength(x.m) - 1;
  const tinyBefore = top < t.emin;
  // Unbounded-exponent rounding decides tininess after rounding.
  const qu = top - t.p + 1;
  const unb = roundAt(x, qu, mode);
  const topU = qu + W.bitLength(unb.m) - 1;
  const tinyAfter = topU < t.emin;
  let r = unb;
  let q = qu;
  if (tinyBefore) {
    q = t.emin - t.p + 1;
    r = roundAt(x, q, mode);
  }
  if (W.bitLength(r.m) > t.p) {
    r = { m: W.shr(r.m, 1), inexact: r.inexact, up: r.up };
    q++;
  }
  const topR = r.m.length === 0 ? -Infinity : q + W.bitLength(r.m) - 1;
  return {
    sign: x.sign,
    m: r.m,
    q,
    inexact: r.inexact,
    roundedUp: r.up,
    overflow: topR > t.emax,
    tinyBefore,
    tinyAfter,
  };
}

/** Whether a masked overflow rounds to infinity (else to the largest finite number). */
export function overflowToInfinity(mode: number, sign: number): boolean {
  return mode === RoundingMode.Nearest || (mode === RoundingMode.Up && sign === 0) || (mode === RoundingMode.Down && sign === 1);
}
