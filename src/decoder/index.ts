// The x86-64 decoder: public entry points.
export * from './types.ts';
export { allForms, FORM_COUNT, formAt, OPS } from './forms.ts';
export { decodeFast } from './decode-fast.ts';
export { decodeFull } from './decode-full.ts';
export { gprsWritten, gprsRead, memOperandIndex } from './effects.ts';
export { formatAtt } from './format-att.ts';
