// Decoder tables for tests and tools. decodeFast itself reads FAST (dispatch-tables.ts, built at
// build time by build/, see tables.generated.ts) and the hand-written table-constants.ts; the other
// derived tables (per-form fields, per-slot candidates) exist only in build/tables.ts.
import { FAST_INFO } from './dispatch-tables.ts';

export { EVEX_MAP1_IMM, Imm, INVALID_64, KEY, Osz, PREFIX_BIT } from './table-constants.ts';

/** Immediate layout code (Imm) per form: bits 0-3 of its FAST_INFO. */
export const FORM_IMM = Uint8Array.from(FAST_INFO, (info) => info & 15);
