// The 80-bit extended format and the x87 state its operations read and write.

/** An x87 register value: 15-bit biased exponent and a 64-bit significand with explicit integer bit (hi:lo). */
export interface F80 {
  readonly sign: number;
  readonly exp: number;
  readonly hi: number;
  readonly lo: number;
}

export function f80(sign: number, exp: number, hi: number, lo: number): F80 {
  return { sign, exp, hi: hi >>> 0, lo: lo >>> 0 };
}

/** Exception flag bits, in status-word positions. */
export const X87Flag = { IE: 0x01, DE: 0x02, ZE: 0x04, OE: 0x08, UE: 0x10, PE: 0x20 } as const;

/** Precision-control field values (control word bits 8-9). */
export const PrecisionControl = { Single: 0, Double: 2, Extended: 3 } as const;

/**
 * What one operation reads (rounding and precision control) and writes (sticky exception flags, C1).
 * Exceptions are treated as masked: results are the masked default responses.
 */
export interface X87Env {
  /** Rounding control, 0 nearest, 1 down, 2 up, 3 toward zero. */
  rc: number;
  /** Precision control, see PrecisionControl. */
  pc: number;
  /** Exception flags raised so far (sticky). */
  flags: number;
  /** C1 after the last operation: 1 when the result was rounded up in magnitude. */
  c1: number;
}

export function x87Env(controlWord = 0x037f): X87Env {
  return { rc: (controlWord >> 10) & 3, pc: (controlWord >> 8) & 3, flags: 0, c1: 0 };
}

export const BIAS = 16383;
export const EXP_MAX = 0x7fff;

export const INDEFINITE: F80 = f80(1, EXP_MAX, 0xc0000000, 0);
export const ZERO: F80 = f80(0, 0, 0, 0);
