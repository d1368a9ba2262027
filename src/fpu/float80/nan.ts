// x87 NaN rules: quieting, which NaN wins, and the invalid-operation default result.
import { F80Class } from './classify.ts';
import { INDEFINITE, X87Flag, f80, type F80, type X87Env } from './types.ts';

export function quiet(x: F80): F80 {
  return f80(x.sign, x.exp, x.hi | 0x40000000, x.lo);
}

function significandGreater(a: F80, b: F80): boolean {
  const ah = a.hi & 0x3fffffff;
  const bh = b.hi & 0x3fffffff;
  return ah !== bh ? ah > bh : a.lo > b.lo;
}

function significandEqual(a: F80, b: F80): boolean {
  return (a.hi & 0x3fffffff) === (b.hi & 0x3fffffff) && a.lo === b.lo;
}

/**
 * Result of a two-operand operation with at least one NaN: a QNaN beats an SNaN, otherwise the larger
 * significand wins (the positive one on a tie); SNaNs raise IE and are quieted.
 */
export function propagateNaN2(a: F80, ca: number, b: F80, cb: number, env: X87Env): F80 {
  if (ca === F80Class.SNaN || cb === F80Class.SNaN) env.flags |= X87Flag.IE;
  const aNaN = ca === F80Class.QNaN || ca === F80Class.SNaN;
  const bNaN = cb === F80Class.QNaN || cb === F80Class.SNaN;
  if (!bNaN) return quiet(a);
  if (!aNaN) return quiet(b);
  if (ca === F80Class.QNaN && cb === F80Class.SNaN) return a;
  if (cb === F80Class.QNaN && ca === F80Class.SNaN) return b;
  if (significandEqual(a, b)) return quiet(a.sign <= b.sign ? a : b);
  return quiet(significandGreater(a, b) ? a : b);
}

export function propagateNaN1(a: F80, ca: number, env: X87Env): F80 {
  if (ca === F80Class.SNaN) env.flags |= X87Flag.IE;
  return quiet(a);
}

export function invalid(env: X87Env): F80 {
  env.flags |= X87Flag.IE;
  return INDEFINITE;
}
