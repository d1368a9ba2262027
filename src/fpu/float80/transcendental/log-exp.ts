// F2XM1, FYL2X, FYL2XP1, FPATAN.
import { F80Class } from '../classify.ts';
import { invalid } from '../nan.ts';
import { raiseDenormal, screen1, screen2 } from '../operands.ts';
import { infinity, zero } from '../pack.ts';
import { X87Flag, f80, type F80, type X87Env } from '../types.ts';
import { add, div, mul, type BF } from './bigfloat.ts';
import { roundBF, toBF } from './convert.ts';
import { atan, expm1, ln, ln1p, ln2, pi } from './functions.ts';

const MINUS_ONE80 = f80(1, 16383, 0x80000000, 0);

/** FPATAN, FYL2X and FYL2XP1 leave C1 clear on the host whatever the rounding did. */
function noC1(r: F80, env: X87Env): F80 {
  env.c1 = 0;
  return r;
}

/** F2XM1: 2^x - 1, defined for -1 <= x <= 1. */
export function f80Exp2m1(x: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen1(x, env);
  if (s.result) return s.result;
  if (s.ca === F80Class.Infinity) return x.sign ? MINUS_ONE80 : x;
  if (s.ca === F80Class.Zero) return x;
  raiseDenormal(env, s.denormal);
  const isOne = x.exp === 16383 && x.hi === 0x80000000 && x.lo === 0;
  if (x.exp >= 16383 && !isOne) {
    // Outside [-1, 1] (undefined by the manuals) the host returns the operand and signals PE.
    env.flags |= X87Flag.PE;
    return x;
  }
  if (isOne) {
    // The host's ±1 results are inexact: just below 1, and just beyond -1/2 in magnitude.
    const v = x.sign ? { m: -((1n << 200n) + 1n), e: -201 } : { m: (1n << 200n) - 1n, e: -200 };
    return roundBF(v, env);
  }
  return roundBF(expm1(mul(toBF(x), ln2())), env);
}

function log2Of(x: BF): BF {
  return div(ln(x), ln2());
}

/** FYL2X: y * log2(x) with ST0 = x, ST1 = y. */
export function f80Yl2x(x: F80, y: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(x, y, env);
  if (s.result) return s.result;
  const xZero = s.ca === F80Class.Zero;
  const yZero = s.cb === F80Class.Zero;
  const xInf = s.ca === F80Class.Infinity;
  const yInf = s.cb === F80Class.Infinity;
  if (x.sign && !xZero) return invalid(env);
  const isOne = x.exp === 16383 && x.hi === 0x80000000 && x.lo === 0;
  if (xZero) {
    if (yZero) return invalid(env);
    if (!yInf) env.flags |= X87Flag.ZE;
    return infinity(y.sign ^ 1);
  }
  if (xInf) {
    if (yZero) return invalid(env);
    raiseDenormal(env, s.denormal);
    return infinity(y.sign);
  }
  if (yInf) {
    if (isOne) return invalid(env);
    raiseDenormal(env, s.denormal);
    const below = x.exp < 16383;
    return infinity(y.sign ^ (below ? 1 : 0));
  }
  raiseDenormal(env, s.denormal);
  if (isOne) return zero(y.sign);
  if (yZero) return zero(y.sign ^ (x.exp < 16383 ? 1 : 0));
  // Even for powers of two (exact y * k) the host signals PE, so every result is rounded as inexact.
  const exact = x.hi === 0x80000000 && x.lo === 0 && x.exp !== 0;
  const l = exact ? { m: BigInt(x.exp - 16383), e: 0 } : log2Of(toBF(x));
  const r = noC1(roundBF(mul(toBF(y), l), env, exact), env);
  env.flags |= X87Flag.PE;
  return r;
}

/** FYL2XP1: y * log2(x + 1) with ST0 = x, ST1 = y, for |x| < 1 - sqrt(2)/2. */
export function f80Yl2xp1(x: F80, y: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(x, y, env);
  if (s.result) return s.result;
  const xZero = s.ca === F80Class.Zero;
  const yZero = s.cb === F80Class.Zero;
  const yInf = s.cb === F80Class.Infinity;
  if (s.ca === F80Class.Infinity) {
    if (x.sign || yZero) return invalid(env);
    raiseDenormal(env, s.denormal);
    return infinity(y.sign);
  }
  if (xZero) {
    if (yInf) return invalid(env);
    raiseDenormal(env, s.denormal);
    return zero(x.sign ^ y.sign);
  }
  if (yInf) {
    raiseDenormal(env, s.denormal);
    return infinity(x.sign ^ y.sign);
  }
  raiseDenormal(env, s.denormal);
  if (yZero) return zero(x.sign ^ y.sign);
  const bx = toBF(x);
  // Inside the documented domain the series is used directly; outside it (undefined by the manuals) take ln(1 + x).
  let l: BF;
  if (x.exp < 16383 - 2) l = ln1p(bx);
  else {
    const onePlus = add(bx, { m: 1n, e: 0 });
    if (onePlus.m <= 0n) {
      // x <= -1: the host leaves x as the result and signals PE.
      env.flags |= X87Flag.PE;
      return x;
    }
    l = ln(onePlus);
  }
  return noC1(roundBF(mul(toBF(y), div(l, ln2())), env), env);
}

/** FPATAN: atan(y / x) with ST0 = x, ST1 = y, quadrant from both signs. */
export function f80Atan2(x: F80, y: F80, env: X87Env): F80 {
  env.c1 = 0;
  const s = screen2(x, y, env);
  if (s.result) return s.result;
  raiseDenormal(env, s.denormal);
  const p = pi();
  const half = { m: p.m, e: p.e - 1 };
  const quarter = { m: p.m, e: p.e - 2 };
  const xZero = s.ca === F80Class.Zero;
  const yZero = s.cb === F80Class.Zero;
  const xInf = s.ca === F80Class.Infinity;
  const yInf = s.cb === F80Class.Infinity;
  const signed = (v: BF, negative: number): BF => (negative ? { m: -v.m, e: v.e } : v);
  if (yZero) {
    if (x.sign) return noC1(roundBF(signed(p, y.sign), env), env);
    return zero(y.sign);
  }
  if (xZero) return noC1(roundBF(signed(half, y.sign), env), env);
  if (yInf) {
    if (xInf) return noC1(roundBF(signed(x.sign ? add(half, quarter) : quarter, y.sign), env), env);
    return noC1(roundBF(signed(half, y.sign), env), env);
  }
  if (xInf) {
    if (x.sign) return noC1(roundBF(signed(p, y.sign), env), env);
    return zero(y.sign);
  }
  const bx = toBF(x);
  const by = toBF(y);
  let r = atan(div(by, bx));
  if (x.sign) r = y.sign ? add(r, { m: -p.m, e: p.e }) : add(r, p);
  return noC1(roundBF(r, env), env);
}
