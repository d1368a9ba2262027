// zerovm-ts runtime core: no Node APIs. The main entry points at top level, every module as a namespace.
export const ZEROVM_TS_VERSION = '0.1.0';

export { parseNexe, tryParseNexe, ElfError, type Nexe } from './elf/index.ts';
export { decodeFast, decodeFull, formatAtt, Decoded } from './decoder/index.ts';
export { validateChunk, validateNexeText, type ValidationResult, type ValidateOptions } from './validator/index.ts';
export { Session, type SessionOptions, type SessionResult } from './session/index.ts';
export { Channel, memorySink, memorySource, createPipe, NullDevice, type ChannelDevice } from './channels/index.ts';
export { parseManifest, tryParseManifest, ManifestError } from './manifest/index.ts';

export * as elf from './elf/index.ts';
export * as decoder from './decoder/index.ts';
export * as validator from './validator/index.ts';
export * as cpu from './cpu/index.ts';
export * as session from './session/index.ts';
export * as channels from './channels/index.ts';
export * as manifest from './manifest/index.ts';
export * as runtime from './runtime/index.ts';
export * as zrt from './zrt/index.ts';
