// Typed results of a run slice, and the host handler interface of the trampoline region.
import type { Fault } from './fault.ts';

export type RunResult =
  | { readonly kind: 'exited'; readonly code: number }
  | { readonly kind: 'fault'; readonly fault: Fault }
  | { readonly kind: 'budget-exhausted' };

/** Trampoline region: a control transfer into [TRAMPOLINE_START, TRAMPOLINE_END) calls the host. */
export const TRAMPOLINE_START = 0x10000;
export const TRAMPOLINE_END = 0x20000;
export const TRAMPOLINE_SLOT_SHIFT = 5;
