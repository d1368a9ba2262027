// The vector and floating-point register state: XMM0-15 (one buffer, aliased views), MXCSR, and
// the x87 unit (8 physical 80-bit registers whose significands are also the MMX registers).

import { Exec } from './interface.ts';

/** x87 status-word bits (besides TOP in bits 11-13). */
export const Fsw = {
  IE: 0x0001, DE: 0x0002, ZE: 0x0004, OE: 0x0008, UE: 0x0010, PE: 0x0020, SF: 0x0040, ES: 0x0080,
  C0: 0x0100, C1: 0x0200, C2: 0x0400, C3: 0x4000, B: 0x8000, TOP_SHIFT: 11,
} as const;

/** Tag of an empty physical register (others are derived from the value when saved). */
export const TAG_EMPTY = 1;

export const FCW_DEFAULT = 0x037f;
export const MXCSR_DEFAULT = 0x1f80;
/** MXCSR bits a guest may set (DAZ supported); others make ldmxcsr/fxrstor raise #GP. */
export const MXCSR_MASK = 0xffff;

export class SimdUnit {
  /** XMM0..15, 16 bytes each, little-endian lanes. */
  readonly xmm = new Uint8Array(256);
  readonly xi32 = new Int32Array(this.xmm.buffer);
  readonly xu16 = new Uint16Array(this.xmm.buffer);
  readonly xf32 = new Float32Array(this.xmm.buffer);
  readonly xf64 = new Float64Array(this.xmm.buffer);
  mxcsr = MXCSR_DEFAULT;

  /** x87 physical registers: significand bytes (8 per register; MMi is register i) and sign|exponent. */
  readonly mant = new Uint8Array(64);
  readonly mi32 = new Int32Array(this.mant.buffer);
  readonly signExp = new Uint16Array(8);
  /** 1 = the physical register is empty. */
  readonly empty = new Uint8Array(8).fill(TAG_EMPTY);
  top = 0;
  fcw = FCW_DEFAULT;
  /** Status word without TOP (TOP is `top`). */
  fsw = 0;
  /** Last x87 opcode (11 bits) and instruction/data pointers, kept for fnstenv/fxsave. */
  fop = 0;
  fip = 0;
  fdp = 0;

  /** Scratch operand buffer (a memory or register source copied here), with views. */
  readonly tmp = new Uint8Array(16);
  readonly ti32 = new Int32Array(this.tmp.buffer);
  readonly tf32 = new Float32Array(this.tmp.buffer);
  readonly tf64 = new Float64Array(this.tmp.buffer);
  /** A second scratch buffer for results that must not overwrite their inputs early. */
  readonly res = new Uint8Array(16);
  readonly ri32 = new Int32Array(this.res.buffer);
  /** The operands of the instruction being executed (reused, so execSimd allocates nothing). */
  readonly exec = new Exec();

  /** Full status word with TOP. */
  statusWord(): number {
    return (this.fsw & ~0x3800) | ((this.top & 7) << Fsw.TOP_SHIFT);
  }

  /** fninit / reset state of the x87 unit. */
  resetX87(): void {
    this.fcw = FCW_DEFAULT;
    this.fsw = 0;
    this.top = 0;
    this.empty.fill(TAG_EMPTY);
    this.fop = 0;
    this.fip = 0;
    this.fdp = 0;
  }

  /** Any MMX instruction: TOP = 0 and every register tagged valid. */
  enterMmx(): void {
    this.top = 0;
    this.fsw &= ~0x3800;
    this.empty.fill(0);
  }
}
