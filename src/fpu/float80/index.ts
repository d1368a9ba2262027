// The x87 value semantics: 80-bit arithmetic, comparisons and conversions.
export * from './types.ts';
export { F80Class, classify } from './classify.ts';
export { f80Add, f80Sub, f80Mul, f80Div, f80Sqrt } from './arith.ts';
export { Cond, Ordering, orderingToCond, f80Compare, f80Test, f80Examine } from './compare.ts';
export { widenToF80, f80Load, f80Store } from './convert-float.ts';
export { f80FromInt64, f80ToInt, f80RoundInt, integerIndefinite } from './convert-int.ts';
export { f80FromBcd, f80ToBcd } from './bcd.ts';
export { f80Remainder, type RemainderResult } from './remainder.ts';
export { f80Scale, f80Extract, type Extracted } from './scale.ts';
export { f80Trig, type TrigOutcome } from './transcendental/trig.ts';
export { f80Exp2m1, f80Yl2x, f80Yl2xp1, f80Atan2 } from './transcendental/log-exp.ts';
