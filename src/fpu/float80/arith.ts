// x87 FADD, FSUB, FMUL, FDIV, FSQRT on 80-bit values, rounded to the precision control.
import { exactAdd, exactDiv, exactMul, exactSqrt } from '../exact.ts';
import { RoundingMode } from '../rounding.ts';
import { F80Class } from './classify.ts';
import { invalid } from './nan.ts';
import { raiseDenormal, screen1, screen2 } from './operands.ts';
import { infinity, roundToF80, toExact, zero } from './pack.ts';
import { X87Flag, f80, type F80, type X87Env } from './types.ts';

export function f80Add(a: F80, b: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return s.result;
  const aInf = s.ca === F80Class.Infinity;
  const bInf = s.cb === F80Class.Infinity;
  if (aInf || bInf) {
    if (aInf && bInf && a.sign !== b.sign) return invalid(env);
    raiseDenormal(env, s.denormal);
    return infinity(aInf ? a.sign : b.sign);
  }
  raiseDenormal(env, s.denormal);
  const aZero = s.ca === F80Class.Zero;
  const bZero = s.cb === F80Class.Zero;
  if (aZero && bZero) return zero(a.sign === b.sign ? a.sign : env.rc === RoundingMode.Down ? 1 : 0);
  if (bZero) return roundToF80(toExact(a), env);
  if (aZero) return roundToF80(toExact(b), env);
  const r = exactAdd(toExact(a), toExact(b));
  if (r.m.length === 0) return zero(env.rc === RoundingMode.Down ? 1 : 0);
  return roundToF80(r, env);
}

export function f80Sub(a: F80, b: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return s.result;
  return f80Add(a, f80(b.sign ^ 1, b.exp, b.hi, b.lo), env);
}

export function f80Mul(a: F80, b: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return s.result;
  const sign = a.sign ^ b.sign;
  const aInf = s.ca === F80Class.Infinity;
  const bInf = s.cb === F80Class.Infinity;
  const aZero = s.ca === F80Class.Zero;
  const bZero = s.cb === F80Class.Zero;
  if (aInf || bInf) {
    if (aZero || bZero) return invalid(env);
    raiseDenormal(env, s.denormal);
    return infinity(sign);
  }
  raiseDenormal(env, s.denormal);
  if (aZero || bZero) return zero(sign);
  return roundToF80(exactMul(toExact(a), toExact(b)), env);
}

export function f80Div(a: F80, b: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(a, b, env);
  if (s.result) return s.result;
  const sign = a.sign ^ b.sign;
  const aInf = s.ca === F80Class.Infinity;
  const bInf = s.cb === F80Class.Infinity;
  const aZero = s.ca === F80Class.Zero;
  const bZero = s.cb === F80Class.Zero;
  if (aInf && bInf) return invalid(env);
  if (aInf) {
    raiseDenormal(env, s.denormal);
    return infinity(sign);
  }
  if (bZero) {
    if (aZero) return invalid(env);
    env.flags |= X87Flag.ZE;
    return infinity(sign);
  }
  raiseDenormal(env, s.denormal);
  if (bInf) return zero(sign);
  if (aZero) return zero(sign);
  return roundToF80(exactDiv(toExact(a), toExact(b)), env);
}

export function f80Sqrt(a: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen1(a, env);
  if (s.result) return s.result;
  if (s.ca === F80Class.Zero) return a;
  if (a.sign) return invalid(env);
  raiseDenormal(env, s.denormal);
  if (s.ca === F80Class.Infinity) return a;
  return roundToF80(exactSqrt(toExact(a)), env);
}
