// SSE scalar and packed floating-point semantics under MXCSR.
export * from './mxcsr.ts';
export { sseAdd, sseSub, sseMul, sseDiv, sseSqrt } from './arith.ts';
export { SseOrdering, sseOrder, sseComi, sseCmp, sseCmpPredicate, sseMinMax } from './compare.ts';
export { sseConvertFloat, sseFromInt, sseToInt } from './convert.ts';
export { sseRound } from './round.ts';
export { dpps, dppd } from './dot.ts';
