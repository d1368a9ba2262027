// In-memory channel sets for session tests.
import { Channel, memorySink, memorySource, type ChannelDevice, type MemoryFile, type Quotas } from '../../../src/channels/index.ts';

export const BIG: Quotas = { gets: 1e6, getSize: 1e9, puts: 1e6, putSize: 1e9 };

export interface MemChannels {
  channels: Channel[];
  stdout: MemoryFile;
  stderr: MemoryFile;
}

/** stdin from `input` (or a device), stdout and stderr into memory sinks (stdout with etag), then extras. */
export function memChannels(input: Uint8Array | ChannelDevice = new Uint8Array(0), extra: Channel[] = [], stdinLimits: Quotas = BIG): MemChannels {
  const stdout = memorySink();
  const stderr = memorySink();
  const stdinDevice = input instanceof Uint8Array ? memorySource(input) : input;
  const channels = [
    new Channel(stdinDevice, { alias: '/dev/stdin', type: 0, limits: stdinLimits, etag: true }),
    new Channel(stdout, { alias: '/dev/stdout', type: 0, limits: BIG, etag: true }),
    new Channel(stderr, { alias: '/dev/stderr', type: 0, limits: BIG }),
    ...extra,
  ];
  return { channels, stdout, stderr };
}

export const text = (b: Uint8Array): string => new TextDecoder().decode(b);
