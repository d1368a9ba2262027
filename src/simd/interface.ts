// How the integer interpreter calls the SIMD/x87 executors: the host services it provides
// (GPRs, memory, status flags) and the per-instruction operands it passes.
//
// Call: execSimd(unit, d.form, d.reg, d.rm, ea, d.imm, (d.rex >> 3) & 1, host) (see exec.ts), where
//   - reg = ModRM.reg with REX.R, rm = ModRM.rm with REX.B (only read for register forms),
//   - ea  = the effective address in sandbox coordinates when the form has a memory operand, else -1,
//   - imm = the first immediate (imm8 forms only read its low byte), and REX.W (selects 64-bit GPR
//     operands: cvtsi2sd's source, cvtsd2si's destination, extractps/pextrb register destinations).
// execSimd returns false for forms that are not executed here (the cpu keeps crc32, movnti, fences,
// prefetches and everything integer). Faults are thrown: FaultSignal from src/cpu/fault.ts (#GP for
// misaligned 16-byte operands of aligned forms and reserved MXCSR bits; memory faults come from the
// SimdMemory methods) and SimdFaultSignal (fault.ts) for unmasked SIMD (#XM) and x87 (#MF) exceptions.

/** The memory operations the executors use: SandboxMemory (src/cpu/memory.ts) fits as it is. */
export interface SimdMemory {
  read8(a: number): number;
  read16(a: number): number;
  /** Returns the value as an int32. */
  read32(a: number): number;
  /** Returns the low half (int32); the high half is left in `hi`. */
  read64(a: number): number;
  readonly hi: number;
  write8(a: number, v: number): void;
  write16(a: number, v: number): void;
  write32(a: number, v: number): void;
  write64(a: number, lo: number, hi: number): void;
  /** Faults unless [a, a+size) is accessible with permission `need` (1 = read, 2 = write). */
  check(a: number, size: number, need: number): void;
}

export interface SimdHost {
  /** GPRs as lo/hi int32 pairs: R[2r] low, R[2r+1] high half (CpuState.R). */
  readonly R: Int32Array;
  readonly mem: SimdMemory;
  /** The six status flags OF SF ZF AF PF CF in their EFLAGS positions (materialised). */
  getFlags(): number;
  /** Replaces all six status flags with `flags` (comis, ptest, fcomi, pcmpXstrX). */
  setFlags(flags: number): void;
}

/** Operands of the instruction being executed (one reusable record per unit). */
export class Exec {
  form = 0;
  reg = 0;
  rm = 0;
  /** Effective address, or -1 for a register operand. */
  ea = -1;
  imm = 0;
  /** 64 with REX.W, else 32: the width of Ey/Gy operands. */
  opSize = 32;
  host!: SimdHost;
}
