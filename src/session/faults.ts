// A guest fault as ZeroVM reports a signal from untrusted code: the Linux signal the host CPU
// would have raised, and "Signal N from untrusted code: Halting at 0x<rip>".
import type { Fault } from '../cpu/fault.ts';
import { FaultKind } from '../cpu/fault.ts';
import { signalExitState } from '../runtime/report.ts';

export const Signal = { SIGILL: 4, SIGFPE: 8, SIGSEGV: 11 } as const;

export interface GuestFault {
  kind: Fault['kind'];
  signal: number;
  /** The faulting data or target address (sandbox coordinates). */
  address: number;
  /** The instruction that faulted. */
  rip: number;
}

export function signalOf(kind: Fault['kind']): number {
  switch (kind) {
    // #DE, #XM and #MF all reach a Linux process as SIGFPE.
    case FaultKind.Divide:
    case FaultKind.SimdFloatingPoint:
    case FaultKind.X87FloatingPoint:
      return Signal.SIGFPE;
    case FaultKind.InvalidOpcode: return Signal.SIGILL;
    // hlt in user mode and misaligned cmpxchg16b are #GP: SIGSEGV on Linux, like bad accesses.
    default: return Signal.SIGSEGV;
  }
}

export function guestFault(f: Fault): GuestFault {
  return { kind: f.kind, signal: signalOf(f.kind), address: f.address, rip: f.rip };
}

/** ZeroVM names the instruction address; the data address is kept in the result. */
export const faultExitState = (f: GuestFault): string => signalExitState(f.signal, f.rip);
