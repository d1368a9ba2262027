// FCOM/FUCOM/FCOMI/FUCOMI/FTST and FXAM condition codes.
import * as W from '../wide.ts';
import { F80Class, classify, isDenormalClass } from './classify.ts';
import { toExact } from './pack.ts';
import { X87Flag, ZERO, type F80, type X87Env } from './types.ts';

/** Condition-code bits in status-word positions. */
export const Cond = { C0: 0x0100, C1: 0x0200, C2: 0x0400, C3: 0x4000 } as const;

export const Ordering = { Greater: 0, Less: 1, Equal: 2, Unordered: 3 } as const;

/** C3 C2 C0 for each ordering (FCOMI maps the same pattern to ZF PF CF). */
export function orderingToCond(o: number): number {
  switch (o) {
    case Ordering.Greater:
      return 0;
    case Ordering.Less:
      return Cond.C0;
    case Ordering.Equal:
      return Cond.C3;
    default:
      return Cond.C3 | Cond.C2 | Cond.C0;
  }
}

/** Compare finite or infinite values (no NaNs). */
function compareNumbers(a: F80, ca: number, b: F80, cb: number): number {
  const aZero = ca === F80Class.Zero;
  const bZero = cb === F80Class.Zero;
  if (aZero && bZero) return Ordering.Equal;
  if (a.sign !== b.sign || aZero || bZero) {
    // Different signs or one zero: the sign alone (or the other operand's sign) decides.
    const sa = aZero ? 0 : a.sign ? -1 : 1;
    const sb = bZero ? 0 : b.sign ? -1 : 1;
    return sa > sb ? Ordering.Greater : Ordering.Less;
  }
  let c: number;
  const aInf = ca === F80Class.Infinity;
  const bInf = cb === F80Class.Infinity;
  if (aInf || bInf) c = aInf && bInf ? 0 : aInf ? 1 : -1;
  else {
    const x = toExact(a);
    const y = toExact(b);
    const tx = x.e + W.bitLength(x.m);
    const ty = y.e + W.bitLength(y.m);
    if (tx !== ty) c = tx > ty ? 1 : -1;
    else {
      const e = Math.min(x.e, y.e);
      c = W.cmp(W.shl(x.m, x.e - e), W.shl(y.m, y.e - e));
    }
  }
  if (a.sign) c = -c;
  return c > 0 ? Ordering.Greater : c < 0 ? Ordering.Less : Ordering.Equal;
}

/**
 * Ordering of a against b. `signaling` (FCOM, FCOMI, FTST) raises IE for any NaN; the unordered forms
 * (FUCOM, FUCOMI) only for SNaNs. Unsupported formats always raise IE.
 */
export function f80Compare(a: F80, b: F80, signaling: boolean, env: X87Env): number {
  env.c1 = 0;
  const ca = classify(a);
  const cb = classify(b);
  if (ca === F80Class.Unsupported || cb === F80Class.Unsupported) {
    env.flags |= X87Flag.IE;
    return Ordering.Unordered;
  }
  const aNaN = ca === F80Class.QNaN || ca === F80Class.SNaN;
  const bNaN = cb === F80Class.QNaN || cb === F80Class.SNaN;
  if (aNaN || bNaN) {
    if (signaling || ca === F80Class.SNaN || cb === F80Class.SNaN) env.flags |= X87Flag.IE;
    return Ordering.Unordered;
  }
  if (isDenormalClass(ca) || isDenormalClass(cb)) env.flags |= X87Flag.DE;
  return compareNumbers(a, ca, b, cb);
}

export function f80Test(a: F80, env: X87Env): number {
  return f80Compare(a, ZERO, true, env);
}

/** FXAM: C3 C2 C0 class code plus C1 = sign (the caller handles an empty register: C3|C0). */
export function f80Examine(a: F80): number {
  const sign = a.sign ? Cond.C1 : 0;
  switch (classify(a)) {
    case F80Class.Unsupported:
      return sign;
    case F80Class.QNaN:
    case F80Class.SNaN:
      return sign | Cond.C0;
    case F80Class.Normal:
      return sign | Cond.C2;
    case F80Class.Infinity:
      return sign | Cond.C2 | Cond.C0;
    case F80Class.Zero:
      return sign | Cond.C3;
    default:
      return sign | Cond.C3 | Cond.C2;
  }
}
