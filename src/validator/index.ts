// The NaCl x86-64 validator: public entry points (runtime core, no Node APIs).
export { validateChunk, BUNDLE_SIZE } from './validate-chunk.ts';
export { validateNexeText, HLT, type TextValidation } from './nexe-text.ts';
export type { ValidateOptions } from './options.ts';
export { type ValidationError, type ValidationResult, errorsByOffset } from './result.ts';
export { Message } from './messages.ts';
export { NACL_POLICY_FEATURES } from './features.ts';
export { parseHex, padTo, toHex, HexError } from './hex.ts';
export { testBit } from './bitmap.ts';
