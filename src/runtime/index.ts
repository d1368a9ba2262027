// The ZeroVM runtime pieces that do not depend on the interpreter.
export { Errno, errnoName, type ErrnoName } from './errno.ts';
export { FlatGuestMemory, type GuestMemoryView } from './guest-memory.ts';
export { TrapId } from './trap-ids.ts';
export { zerovmTrap, type JailHooks, type TrapResult, type ZeroVMTrapHost } from './zerovm-trap.ts';
export { EXIT_STATE, ExitStatus, MEMORY_ETAG_ALIAS, accountChannels, formatReport, signalExitState, type IoCounters, type SessionReport } from './report.ts';
export { buildUserManifest, userChannelRecords, USER_MANIFEST_POINTER, DEFAULT_STACK_SIZE, type UserChannelRecord, type UserManifestBlock, type UserManifestInput, type UserManifestResult } from './user-manifest.ts';
export { memoryDigest, sessionReport, type SessionEnd } from './session-report.ts';
