// The x86-64 interpreter core (integer ISA): sandbox memory, register state, decode-once program,
// the machine with trampolines and budget, typed run results and faults, and the CPU profile.
export { Machine, type TrampolineHandler } from './machine.ts';
export { Program } from './program.ts';
export { SandboxMemory, Perm, PAGE_SIZE, SANDBOX_SIZE } from './memory.ts';
export { CpuState, Reg } from './state.ts';
export { FaultKind, type Fault } from './fault.ts';
export { type RunResult, TRAMPOLINE_START, TRAMPOLINE_END } from './run-result.ts';
export { IMPLEMENTED_FEATURES, cpuid } from './cpuid.ts';
export { interpreterRuns } from './kinds.ts';
export { rflags, statusFlags, setStatusFlags } from './flags.ts';
