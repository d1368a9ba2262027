// The dispatch table of decodeFast's hot path (layout: FastTable in table-constants.ts, built by
// build/dispatch.ts at build time and stored in tables.generated.ts).
import { TABLE_DATA } from './tables.generated.ts';

export { ByteClass, FastTable, FormLayout } from './table-constants.ts';

/**
 * Packed per-form facts: bits 0-3 immediate layout (Imm), 4 signed immediate, 5-7 operand-size kind
 * (Osz), 8 lockable, 9 uses VEX.vvvv, 10 VSIB, 11 needs a check beyond the table (segment register
 * moves, control/debug register moves, VSIB), 16-31 op id.
 */
export const FAST_INFO = int32s(TABLE_DATA.FAST_INFO);

/** The merged dispatch table. */
export const FAST = int32s(TABLE_DATA.FAST);

/** Per form: its FormLayout bits (table-constants.ts). */
export const FORM_LAYOUT = int32s(TABLE_DATA.FORM_LAYOUT);

/** The table as an Int32Array: the generated lists are copied, a table file's arrays used as they are. */
function int32s(table: ArrayLike<number>): Int32Array {
  return table instanceof Int32Array ? table : Int32Array.from(table);
}
