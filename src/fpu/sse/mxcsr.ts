// MXCSR fields and the per-operation environment SSE arithmetic reads and updates.

export const Mxcsr = {
  IE: 0x0001,
  DE: 0x0002,
  ZE: 0x0004,
  OE: 0x0008,
  UE: 0x0010,
  PE: 0x0020,
  DAZ: 0x0040,
  FTZ: 0x8000,
  RC_SHIFT: 13,
  DEFAULT: 0x1f80,
} as const;

/**
 * The MXCSR an operation runs under. Operations OR exception flags into `mxcsr`.
 * All exceptions are treated as masked (the results are the masked responses).
 */
export interface SseEnv {
  mxcsr: number;
}

export function sseEnv(mxcsr: number = Mxcsr.DEFAULT): SseEnv {
  return { mxcsr };
}

export function roundingOf(env: SseEnv): number {
  return (env.mxcsr >> Mxcsr.RC_SHIFT) & 3;
}
