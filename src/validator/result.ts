// What validateChunk returns.
import type { Message } from './messages.ts';

export interface ValidationError {
  /** Offset from the chunk start. */
  readonly offset: number;
  readonly message: Message;
}

export interface ValidationResult {
  /** True when no error (warnings do not count). */
  readonly valid: boolean;
  /** In the order found; several may share an offset. */
  readonly errors: ValidationError[];
  /** Only "warning - bad call alignment", and only when asked for. */
  readonly warnings: ValidationError[];
  /** Bitmap (bit i of byte i>>3) of the offsets a jump may land on. */
  readonly boundaries: Uint8Array;
  /** Bitmap of the in-chunk destinations of direct jumps and calls. */
  readonly jumpTargets: Uint8Array;
}

/** Errors sorted by offset (stable: same-offset errors keep the order found). */
export function errorsByOffset(errors: readonly ValidationError[]): ValidationError[] {
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.offset - b.e.offset || a.i - b.i)
    .map((x) => x.e);
}
