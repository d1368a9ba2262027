// Guest faults: what the interpreter reports instead of ever raising a host exception.

/** Why the guest stopped abnormally. */
export const FaultKind = {
  /** Access outside [0, 4 GiB) of the sandbox, or to an unmapped page. */
  Unmapped: 'unmapped',
  /** Write to a read-only page (text, rodata, trampolines, user manifest). */
  WriteProtected: 'write-protected',
  /** Control transfer to an address that is not a decoded instruction start in text. */
  BadJumpTarget: 'bad-jump-target',
  /** Integer divide by zero or quotient overflow (#DE). */
  Divide: 'divide-error',
  /** ud2, or an instruction the interpreter does not implement / could not decode (#UD). */
  InvalidOpcode: 'invalid-opcode',
  /** hlt (NaCl pads text with it; reaching one is a crash). */
  Halt: 'halt',
  /** Misaligned cmpxchg16b operand (#GP). */
  GeneralProtection: 'general-protection',
  /** An unmasked SSE floating-point exception (#XM). */
  SimdFloatingPoint: 'simd-floating-point',
  /** A pending unmasked x87 exception reaching a waiting x87 instruction (#MF). */
  X87FloatingPoint: 'x87-floating-point',
  /** A trampoline slot with no host handler installed. */
  NoHandler: 'no-trampoline-handler',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];

export interface Fault {
  readonly kind: FaultKind;
  /** The faulting data or target address (sandbox coordinates), or the rip for instruction faults. */
  readonly address: number;
  /** Address of the faulting instruction. */
  readonly rip: number;
}

/**
 * Thrown inside the interpreter and caught by the one try/catch of each run slice, which turns it
 * into a typed Fault result. Allocated only when a fault actually happens.
 */
export class FaultSignal {
  constructor(
    readonly kind: FaultKind,
    readonly address: number,
  ) {}
}

export function fault(kind: FaultKind, address: number): never {
  throw new FaultSignal(kind, address);
}
