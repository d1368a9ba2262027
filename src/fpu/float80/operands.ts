// The common first steps of x87 arithmetic: invalid formats, NaN operands, denormal-operand flag.
import { F80Class, classify, isDenormalClass } from './classify.ts';
import { invalid, propagateNaN1, propagateNaN2 } from './nan.ts';
import { X87Flag, type F80, type X87Env } from './types.ts';

export interface Classified2 {
  ca: number;
  cb: number;
  /** Set when the operation is already decided (invalid format or NaN operand). */
  result: F80 | null;
  /** An operand is denormal: the caller raises DE unless an invalid or zero-divide case takes priority. */
  denormal: boolean;
}

export function screen2(a: F80, b: F80, env: X87Env): Classified2 {
  const ca = classify(a);
  const cb = classify(b);
  if (ca === F80Class.Unsupported || cb === F80Class.Unsupported) return { ca, cb, result: invalid(env), denormal: false };
  if (ca === F80Class.QNaN || ca === F80Class.SNaN || cb === F80Class.QNaN || cb === F80Class.SNaN) {
    return { ca, cb, result: propagateNaN2(a, ca, b, cb, env), denormal: false };
  }
  return { ca, cb, result: null, denormal: isDenormalClass(ca) || isDenormalClass(cb) };
}

export function screen1(a: F80, env: X87Env): { ca: number; result: F80 | null; denormal: boolean } {
  const ca = classify(a);
  if (ca === F80Class.Unsupported) return { ca, result: invalid(env), denormal: false };
  if (ca === F80Class.QNaN || ca === F80Class.SNaN) return { ca, result: propagateNaN1(a, ca, env), denormal: false };
  return { ca, result: null, denormal: isDenormalClass(ca) };
}

export function raiseDenormal(env: X87Env, denormal: boolean): void {
  if (denormal) env.flags |= X87Flag.DE;
}
