// A running ZeroVM session: layout, entry state, trampolines (ZeroVM trap + ZRT), limits, report.
export { Session, type ChannelSource, type ExactLimits, type SessionOptions } from './session.ts';
export { EXIT_STATE_INSTRUCTION_BUDGET, type SessionEnding, type SessionResult } from './result.ts';
export { Signal, faultExitState, guestFault, signalOf, type GuestFault } from './faults.ts';
export { FOUR_GIB, HLT, PAGE, TEXT_START, TRAMPOLINE_START, loadImage, placeStartupBlock, textImage, type Image, type ImageInput, type ImageResult } from './layout.ts';
export { buildStartupBlock, type StartupBlock } from './startup-block.ts';
export { SandboxView } from './sandbox-view.ts';
export { WouldBlock, ZrtChannel } from './zrt-channel.ts';
export { TrampolineHost, LAST_NACL_SLOT, type Pending } from './trampolines.ts';
export { defaultTiming, cancellableSleep, type SessionTiming } from './timing.ts';
export { SandboxPool, DirtyTracker, defaultSandboxPool, dirtyTrackerOf, type SandboxPoolOptions } from './sandbox-pool.ts';
export { ProgramCache } from './program-cache.ts';
