// ROUNDSS/ROUNDSD: round to an integral value in the same format, immediate-selected rounding.
import * as W from '../wide.ts';
import { BinClass, type BinaryFormat, type Bits, encodeParts } from '../binary.ts';
import { roundAt } from '../rounding.ts';
import { Mxcsr, type SseEnv, roundingOf } from './mxcsr.ts';
import { nanResult1, isNaN, operand } from './operands.ts';

/** imm8 bits 1:0 rounding mode, bit 2 use MXCSR.RC instead, bit 3 suppress the precision exception. */
export function sseRound(f: BinaryFormat, a: Bits, imm: number, env: SseEnv): Bits {
  const x = operand(f, a, env);
  if (isNaN(x)) return nanResult1(f, x, env);
  if (x.cls === BinClass.Zero || x.cls === BinClass.Infinity) return x.cls === BinClass.Zero ? encodeParts(f, x.sign, [], 0) : a;
  const mode = imm & 4 ? roundingOf(env) : imm & 3;
  const frac = x.exp === 0 ? x.frac : W.add(x.frac, W.shl([1], f.p - 1));
  const e = (x.exp === 0 ? 1 : x.exp) - f.bias - (f.p - 1);
  if (e >= 0) return a;
  const r = roundAt({ sign: x.sign, m: frac, e, sticky: false }, 0, mode);
  if (r.inexact && !(imm & 8)) env.mxcsr |= Mxcsr.PE;
  return encodeParts(f, x.sign, r.m, 0);
}
