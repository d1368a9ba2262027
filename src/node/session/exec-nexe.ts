// `zvm exec`: a nexe with the terminal as its standard channels and a manifest made on the fly
// (three sequential channels with effectively unlimited quotas, 4 GiB Memory, no Timeout by default).
import { Channel } from '../../channels/channel.ts';
import { memorySource } from '../../channels/memory-file.ts';
import type { ChannelDevice } from '../../channels/device.ts';
import { Session, type SessionOptions } from '../../session/session.ts';
import type { SessionResult } from '../../session/result.ts';
import { HostStreamDevice } from '../channels/host-stream.ts';
import { ProcessStdinDevice } from './process-stdin.ts';
import { processCpuTime } from './cpu-time.ts';
import { nodeTiming } from './host-timing.ts';

/** Quotas no program reaches: 2^62 calls and bytes (exact in a double and in an int64). */
const UNLIMITED = 2 ** 62;
const LIMITS = { gets: UNLIMITED, getSize: UNLIMITED, puts: UNLIMITED, putSize: UNLIMITED };

export interface StdioDevices {
  stdin: ChannelDevice;
  stdout: ChannelDevice;
  stderr: ChannelDevice;
}

/** This process's stdin (as a stream, see ProcessStdinDevice) and descriptors 1 and 2 (left open). */
export function processStdio(): StdioDevices {
  return { stdin: new ProcessStdinDevice(), stdout: new HostStreamDevice(1, false), stderr: new HostStreamDevice(2, false) };
}

export function stdioChannels(devices: StdioDevices): Channel[] {
  return [
    new Channel(devices.stdin, { alias: '/dev/stdin', type: 0, limits: LIMITS }),
    new Channel(devices.stdout, { alias: '/dev/stdout', type: 0, limits: LIMITS }),
    new Channel(devices.stderr, { alias: '/dev/stderr', type: 0, limits: LIMITS }),
  ];
}

/** The alias under which `image` is given to the program, mounted read-only at `/` through nvram [fstab]. */
export const IMAGE_ALIAS = '/dev/image';

/** The channel and nvram lines that mount a root tarball at `/` (zvm exec --image). */
export function rootImage(tar: Uint8Array): { channel: Channel; nvram: string } {
  return {
    channel: new Channel(memorySource(tar), { alias: IMAGE_ALIAS, type: 1, limits: LIMITS }),
    nvram: `[fstab]\nchannel=${IMAGE_ALIAS}, mountpoint=/, access=ro, removable=no\n`,
  };
}

/**
 * Runs `program` (nexe bytes) with `devices` (default: the terminal) and, with `image`, a tarball mounted
 * read-only at `/`. Throws ElfError on a bad nexe.
 */
export function execNexe(
  program: Uint8Array,
  options: SessionOptions & { devices?: StdioDevices; image?: Uint8Array } = {},
): Promise<SessionResult> {
  const { devices, image, ...sessionOptions } = options;
  const channels = stdioChannels(devices ?? processStdio());
  if (image) {
    const root = rootImage(image);
    channels.push(root.channel);
    sessionOptions.nvram = root.nvram + (sessionOptions.nvram ?? '');
  }
  const session = new Session(program, channels, { cpuTime: processCpuTime, timing: nodeTiming, ...sessionOptions });
  return session.run();
}

/** The exit status of `zvm exec`: the program's return code, or a shell-style code when it did not exit. */
export function execStatus(r: SessionResult): number {
  switch (r.ending) {
    case 'exit': return r.userCode & 0xff;
    case 'fault': return 128 + (r.fault?.signal ?? 11);
    case 'timeout':
    case 'instruction-budget': return 124;
    case 'validation-failed': return 1;
    default: return 125;
  }
}
