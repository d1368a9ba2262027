// The shape of the decoder's generated tables (tables.generated.ts): Form records as rows that
// share operand records, and decodeFast's dispatch tables as plain number lists. forms.ts and
// dispatch-tables.ts turn them back into objects and typed arrays at load.
/** [kind, cls, width, access, reg] of one OperandSpec. */
export type OperandRow = [number, number, number, number, number];

/**
 * One form: its Form fields in declaration order (operands as indices into `operands`, hasModrm
 * as 0/1), then its FormExtra fields (implicit GPRs flattened to [reg, width, reg, width...]).
 */
export type FormRow = [
  mnemonic: string, op: number, map: number, opcode: number, prefix: number, regExt: number, rmExt: number, mod: number,
  hasModrm: number, w: number, l: number, operands: number[], feature: number, flow: number, flagsRead: number,
  flagsWritten: number, flagsUndefined: number, nacl: number, forbidden: number, osz: string,
  prefixMatch: number, opSizeReq: number, addrSizeReq: number, implicitRead: number[], implicitWrite: number[],
  lockable: number, noRexB: number, modIgnored: number,
];

export interface TableData {
  /** Semantic operation names by op id. */
  ops: string[];
  operands: OperandRow[];
  forms: FormRow[];
  /** dispatch-tables.ts's FAST_INFO and FAST (the other lookup tables are only needed to build these). */
  FAST_INFO: number[];
  FAST: number[];
  /** Per form: opcode, map, ModRM presence, operand in the opcode byte, feature (FormLayout bits). */
  FORM_LAYOUT: number[];
}
