// The host side of the trampoline region: slot 0 is the ZeroVM trap, slots 1..150 the NaCl system
// calls served by ZRT, anything else -ENOSYS. A call that must wait ends the run slice (through
// Machine.exit) and leaves a Pending for the session loop, which awaits it and then either completes
// the call (sets %rax and returns like the trampoline's ret) or runs the same call again.
import type { Channel } from '../channels/channel.ts';
import { isPromise } from '../channels/device.ts';
import type { Machine, TrampolineHandler } from '../cpu/machine.ts';
import { Errno } from '../runtime/errno.ts';
import { zerovmTrap, type JailHooks, type TrapResult, type ZeroVMTrapHost } from '../runtime/zerovm-trap.ts';
import type { Zrt } from '../zrt/runtime.ts';
import { ZrtExit } from '../zrt/zrt-exit.ts';
import type { SandboxView } from './sandbox-view.ts';
import { WouldBlock } from './zrt-channel.ts';

export const LAST_NACL_SLOT = 150;

export type Pending =
  /** The ZeroVM trap's own Promise: its value is the call's result. */
  | { kind: 'complete'; result: Promise<TrapResult> }
  /** ZRT blocked: once `ready` settles, the same system call runs again. */
  | { kind: 'retry'; ready: Promise<void> };

/** Argument registers of a NaCl call: rdi, rsi, rdx, rcx, r8, r9. */
const ARG_REGS = [7, 6, 2, 1, 8, 9] as const;
const TWO32 = 0x1_0000_0000;

export function setResult(m: Machine, value: number): void {
  // Results are small integers or sandbox addresses: sign-extend into rax.
  const lo = value | 0;
  const hi = value < 0 ? -1 : value >= TWO32 ? Math.floor(value / TWO32) | 0 : 0;
  m.state.set64(0, lo, hi);
}

export class TrampolineHost {
  /** Set when the guest ended the session (ZeroVM Exit or NaCl exit). */
  userExit: number | undefined;
  pending: Pending | undefined;
  /** Calls served, by slot (for accounting and tests). */
  readonly calls = new Map<number, number>();
  private readonly trapHost: ZeroVMTrapHost;

  /** `jail`: TrapJail/TrapUnjail support (without it both answer -EACCES). */
  constructor(private readonly view: SandboxView, channels: readonly Channel[], private readonly zrt: (() => Zrt) | undefined, jail?: JailHooks) {
    this.trapHost = jail ? { memory: view, channels, jail } : { memory: view, channels };
  }

  readonly handler: TrampolineHandler = (slot, m) => {
    this.calls.set(slot, (this.calls.get(slot) ?? 0) + 1);
    if (slot === 0) return this.trap(m);
    if (slot <= LAST_NACL_SLOT && this.zrt) return this.nacl(slot, m);
    setResult(m, -Errno.ENOSYS);
  };

  /** Applies a finished ZeroVM trap result; true when the guest exited. */
  finishTrap(m: Machine, r: TrapResult): boolean {
    if (typeof r === 'number') {
      setResult(m, r);
      return false;
    }
    this.userExit = r.exit;
    m.exit(r.exit);
    return true;
  }

  private trap(m: Machine): void {
    const r = zerovmTrap(this.trapHost, m.state.getLo(7) >>> 0);
    if (isPromise(r)) {
      this.pending = { kind: 'complete', result: r };
      m.exit(0); // ends the slice; the session loop looks at `pending`
      return;
    }
    this.finishTrap(m, r);
  }

  private nacl(slot: number, m: Machine): void {
    const s = m.state;
    // ZRT takes 32-bit values (pointers are sandbox addresses; 64-bit offsets come through pointers).
    const args = ARG_REGS.map((r) => s.getLo(r) >>> 0);
    try {
      setResult(m, this.zrt!().syscall(slot, args, this.view));
    } catch (e) {
      if (e instanceof ZrtExit) {
        this.userExit = e.status;
        m.exit(e.status);
      } else if (e instanceof WouldBlock) {
        this.pending = { kind: 'retry', ready: e.ready };
        m.exit(0);
      } else {
        throw e;
      }
    }
  }
}
