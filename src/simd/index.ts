// MMX/SSE..SSE4.2/x87 execution for the interpreter: the register state and the executor entry.
export { SimdUnit, Fsw, FCW_DEFAULT, MXCSR_DEFAULT } from './state.ts';
export { execSimd, isSimdForm } from './exec.ts';
export type { SimdHost, SimdMemory } from './interface.ts';
export { SimdFaultKind, SimdFaultSignal } from './fault.ts';
export { fxsaveImage, fxrstorImage } from './save.ts';
