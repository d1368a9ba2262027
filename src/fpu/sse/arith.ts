// ADDSS/SD, SUBSS/SD, MULSS/SD, DIVSS/SD, SQRTSS/SD (packed forms apply these per lane).
import { exactAdd, exactDiv, exactMul, exactSqrt } from '../exact.ts';
import { BinClass, type BinaryFormat, type Bits, decodedToExact, encode, infinityBits } from '../binary.ts';
import { RoundingMode } from '../rounding.ts';
import { type SseEnv, roundingOf } from './mxcsr.ts';
import { invalidResult, isNaN, nanResult1, nanResult2, operand, raiseDenormal } from './operands.ts';
import { roundResult } from './result.ts';
import { Mxcsr } from './mxcsr.ts';

export function sseAdd(f: BinaryFormat, a: Bits, b: Bits, env: SseEnv, negateB = false): Bits {
  const x = operand(f, a, env);
  const y0 = operand(f, b, env);
  if (isNaN(x) || isNaN(y0)) return nanResult2(f, x, y0, env);
  const y = negateB ? { ...y0, sign: y0.sign ^ 1 } : y0;
  const xInf = x.cls === BinClass.Infinity;
  const yInf = y.cls === BinClass.Infinity;
  if (xInf && yInf && x.sign !== y.sign) return invalidResult(f, env);
  raiseDenormal(env, x, y);
  if (xInf || yInf) return infinityBits(f, xInf ? x.sign : y.sign);
  const xZero = x.cls === BinClass.Zero;
  const yZero = y.cls === BinClass.Zero;
  const down = roundingOf(env) === RoundingMode.Down ? 1 : 0;
  if (xZero && yZero) return encode(f, x.sign === y.sign ? x.sign : down, 0, []);
  if (yZero) return roundResult(f, decodedToExact(f, x), env);
  if (xZero) return roundResult(f, decodedToExact(f, y), env);
  const r = exactAdd(decodedToExact(f, x), decodedToExact(f, y));
  if (r.m.length === 0) return encode(f, down, 0, []);
  return roundResult(f, r, env);
}

export function sseSub(f: BinaryFormat, a: Bits, b: Bits, env: SseEnv): Bits {
  return sseAdd(f, a, b, env, true);
}

export function sseMul(f: BinaryFormat, a: Bits, b: Bits, env: SseEnv): Bits {
  const x = operand(f, a, env);
  const y = operand(f, b, env);
  if (isNaN(x) || isNaN(y)) return nanResult2(f, x, y, env);
  const sign = x.sign ^ y.sign;
  const xInf = x.cls === BinClass.Infinity;
  const yInf = y.cls === BinClass.Infinity;
  const xZero = x.cls === BinClass.Zero;
  const yZero = y.cls === BinClass.Zero;
  if ((xInf && yZero) || (yInf && xZero)) return invalidResult(f, env);
  raiseDenormal(env, x, y);
  if (xInf || yInf) return infinityBits(f, sign);
  if (xZero || yZero) return encode(f, sign, 0, []);
  return roundResult(f, exactMul(decodedToExact(f, x), decodedToExact(f, y)), env);
}

export function sseDiv(f: BinaryFormat, a: Bits, b: Bits, env: SseEnv): Bits {
  const x = operand(f, a, env);
  const y = operand(f, b, env);
  if (isNaN(x) || isNaN(y)) return nanResult2(f, x, y, env);
  const sign = x.sign ^ y.sign;
  const xInf = x.cls === BinClass.Infinity;
  const yInf = y.cls === BinClass.Infinity;
  const xZero = x.cls === BinClass.Zero;
  const yZero = y.cls === BinClass.Zero;
  if ((xInf && yInf) || (xZero && yZero)) return invalidResult(f, env);
  if (xInf) {
    raiseDenormal(env, y);
    return infinityBits(f, sign);
  }
  if (yZero) {
    env.mxcsr |= Mxcsr.ZE;
    return infinityBits(f, sign);
  }
  raiseDenormal(env, x, y);
  if (yInf || xZero) return encode(f, sign, 0, []);
  return roundResult(f, exactDiv(decodedToExact(f, x), decodedToExact(f, y)), env);
}

export function sseSqrt(f: BinaryFormat, a: Bits, env: SseEnv): Bits {
  const x = operand(f, a, env);
  if (isNaN(x)) return nanResult1(f, x, env);
  if (x.cls === BinClass.Zero) return encode(f, x.sign, 0, []);
  if (x.sign) return invalidResult(f, env);
  raiseDenormal(env, x);
  if (x.cls === BinClass.Infinity) return infinityBits(f, 0);
  return roundResult(f, exactSqrt(decodedToExact(f, x)), env);
}
