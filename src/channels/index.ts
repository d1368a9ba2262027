// Channels: the state and quota rules of one ZeroVM channel over a host-neutral device.
export { Channel, quotas, type ChannelOptions, type Quotas, type ReadResult } from './channel.ts';
export { isPromise, type ChannelDevice, type MaybePromise } from './device.ts';
export { MemoryFile, memorySink, memorySource } from './memory-file.ts';
export { NullDevice } from './null-device.ts';
export { createPipe, PipeReader, PipeWriter, type Pipe } from './pipe.ts';
export { Sha1, sha1Hex } from './sha1.ts';
