// Floating-point exception faults that src/cpu/fault.ts has no kind for yet: an unmasked SIMD
// exception (#XM) and a pending unmasked x87 exception reaching a waiting x87 instruction (#MF).
import { FaultKind, fault } from '../cpu/fault.ts';

export const SimdFaultKind = { SimdFloatingPoint: 'simd-floating-point', X87FloatingPoint: 'x87-floating-point' } as const;
export type SimdFaultKind = (typeof SimdFaultKind)[keyof typeof SimdFaultKind];

/** Thrown like FaultSignal; `address` is 0 (instruction faults: the cpu knows the rip). */
export class SimdFaultSignal {
  constructor(readonly kind: SimdFaultKind, readonly address: number) {}
}

export function simdFault(kind: SimdFaultKind): never {
  throw new SimdFaultSignal(kind, 0);
}

export function generalProtection(address: number): never {
  fault(FaultKind.GeneralProtection, address);
}

export function invalidOpcode(): never {
  fault(FaultKind.InvalidOpcode, 0);
}
