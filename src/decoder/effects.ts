// Register effects of a decoded instruction, for the validator (allocation-free).
import type { Decoded, GprList } from './types.ts';

/** Fills `out` with the GPRs the instruction writes (explicit and implicit, with widths); returns the count. */
export function gprsWritten(d: Decoded, out: GprList): number {
  void d;
  out.count = 0;
  return 0;
}

/** Fills `out` with the GPRs the instruction reads (including address registers); returns the count. */
export function gprsRead(d: Decoded, out: GprList): number {
  void d;
  out.count = 0;
  return 0;
}

/** Index in the form's operand list of the memory operand, or -1. */
export function memOperandIndex(d: Decoded): number {
  void d;
  return -1;
}
