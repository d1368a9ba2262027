// Guest register state: 16 GPRs as lo/hi int32 pairs (exact 64-bit semantics without BigInt),
// lazy condition flags, DF, rip and the instruction count.
import type { SandboxMemory } from './memory.ts';

/** Kind of the last flag-setting operation whose flags are still lazy (0: materialized in `flags`). */
export const LazyKind = { None: 0, Add: 1, Adc: 2, Sub: 3, Sbb: 4, Logic: 5, Inc: 6, Dec: 7 } as const;

/** Register numbers. */
export const Reg = {
  RAX: 0, RCX: 1, RDX: 2, RBX: 3, RSP: 4, RBP: 5, RSI: 6, RDI: 7,
  R8: 8, R9: 9, R10: 10, R11: 11, R12: 12, R13: 13, R14: 14, R15: 15,
} as const;

export class CpuState {
  /** R[2*r] = low 32 bits, R[2*r+1] = high 32 bits of GPR r. */
  readonly R = new Int32Array(32);
  /** Byte view of R: low byte of r at 8*r, ah..bh at 8*(r-4)+1. */
  readonly U8 = new Uint8Array(this.R.buffer);
  /** 16-bit view of R: low word of r at 4*r. */
  readonly U16 = new Uint16Array(this.R.buffer);

  /** Materialized status flags (valid when lazyKind = None). */
  flags = 0;
  /** Direction flag (0/1), kept apart from the status flags. */
  df = 0;
  lazyKind = 0;
  lazyWidth = 32;
  aLo = 0;
  aHi = 0;
  bLo = 0;
  bHi = 0;
  rLo = 0;
  rHi = 0;
  /** Carry-in for adc/sbb, the preserved CF for inc/dec. */
  cin = 0;

  /** Scratch result of 64-bit helpers (high half; the low half is the return value). */
  outHi = 0;

  rip = 0;
  /** Guest instructions retired. */
  icount = 0;

  constructor(readonly mem: SandboxMemory) {}

  getLo(r: number): number {
    return this.R[2 * r];
  }
  getHi(r: number): number {
    return this.R[2 * r + 1];
  }
  set64(r: number, lo: number, hi: number): void {
    this.R[2 * r] = lo;
    this.R[2 * r + 1] = hi;
  }
  /** Reads a GPR as an unsigned BigInt (for tests and cold paths only). */
  getBig(r: number): bigint {
    return (BigInt(this.R[2 * r + 1] >>> 0) << 32n) | BigInt(this.R[2 * r] >>> 0);
  }
  setBig(r: number, v: bigint): void {
    this.R[2 * r] = Number(v & 0xffffffffn) | 0;
    this.R[2 * r + 1] = Number((v >> 32n) & 0xffffffffn) | 0;
  }
}
