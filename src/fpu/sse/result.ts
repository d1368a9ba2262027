// Rounding an exact SSE result into binary32/64 under MXCSR: rounding control, masked OE/UE/PE, FTZ.
import type { Exact } from '../exact.ts';
import { type BinaryFormat, type Bits, binaryTarget, encode, encodeParts, infinityBits, maxFiniteBits } from '../binary.ts';
import { overflowToInfinity, roundExact } from '../rounding.ts';
import { Mxcsr, type SseEnv, roundingOf } from './mxcsr.ts';

/** Round a nonzero exact value; `mode` overrides the MXCSR rounding control (ROUNDSS immediate modes). */
export function roundResult(f: BinaryFormat, x: Exact, env: SseEnv, mode = roundingOf(env)): Bits {
  const r = roundExact(x, binaryTarget(f), mode);
  if (r.overflow) {
    env.mxcsr |= Mxcsr.OE | Mxcsr.PE;
    return overflowToInfinity(mode, r.sign) ? infinityBits(f, r.sign) : maxFiniteBits(f, r.sign);
  }
  const tiny = TINY_AFTER_ROUNDING ? r.tinyAfter : r.tinyBefore;
  if (tiny && env.mxcsr & Mxcsr.FTZ) {
    env.mxcsr |= Mxcsr.UE | Mxcsr.PE;
    return encode(f, r.sign, 0, []);
  }
  if (r.inexact) {
    env.mxcsr |= Mxcsr.PE;
    if (tiny) env.mxcsr |= Mxcsr.UE;
  }
  return encodeParts(f, r.sign, r.m, r.q);
}

const TINY_AFTER_ROUNDING = true;
