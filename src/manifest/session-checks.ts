// The checks ZeroVM makes after parsing and before the program runs, in its order, each with the
// exit status it gives: Program file, channels (count, name server, each channel, standard
// channels), Memory, Timeout. Host facts come from a HostProbe; the ELF check is src/elf's.
import { tryParseNexe } from '../elf/index.ts';
import { Errno } from '../runtime/errno.ts';
import { channelAccess } from './access.ts';
import { STANDARD_ALIASES, sortChannels } from './channel-order.ts';
import { ManifestError } from './error.ts';
import { LARGEST_PROGRAM, type HostProbe } from './host-probe.ts';
import { ChannelType, type ChannelSource, type ChannelSpec, type Manifest } from './types.ts';

/** MIN_CHANNELS_NUMBER and MAX_CHANNELS_NUMBER (exclusive) of src/channels/channel.c. */
export const MIN_CHANNELS = 3;
export const MAX_CHANNELS = 10915;
/** Memory must be > 0 and at most 4 GiB. */
export const FOUR_GIB = 0x1_0000_0000n;

export interface CheckedSession {
  manifest: Manifest;
  /** Channels in handle order (sorted). */
  channels: ChannelSpec[];
  /** The program image (bytes of the Program file, an ELF the src/elf reader accepts). */
  program: Uint8Array;
}

/** Runs every set-up check; throws the first ManifestError, as ZeroVM stops at its first fatal error. */
export function checkSession(manifest: Manifest, probe: HostProbe): CheckedSession {
  const program = checkProgram(manifest.program, probe);
  const channels = checkChannels(manifest, probe);
  checkMemory(manifest);
  checkTimeout(manifest);
  return { manifest, channels, program };
}

function checkProgram(path: string, probe: HostProbe): Uint8Array {
  const fail = (status: number, problem: string): never => {
    throw new ManifestError('program', status, undefined, `Program ${JSON.stringify(path)}: ${problem}`);
  };
  const file = probe.program(path);
  switch (file.kind) {
    case 'missing':
      return fail(Errno.ENOENT, 'nexe open error: no such file');
    case 'not-a-file':
      return fail(Errno.EIO, `cannot be loaded: ${file.what}, not a regular file`);
    case 'too-large':
      return fail(Errno.EIO, `too large program: ${file.size} bytes (at most ${LARGEST_PROGRAM})`);
    case 'contents': {
      if (file.bytes.length === 0) return fail(Errno.EIO, 'nexe read error: the file is empty');
      if (file.bytes.length > LARGEST_PROGRAM) return fail(Errno.EIO, `too large program: ${file.bytes.length} bytes`);
      const parsed = tryParseNexe(file.bytes);
      if (!parsed.ok) return fail(Errno.ENOEXEC, `not a loadable nexe: ${parsed.error.message}`);
      return file.bytes;
    }
  }
}

function checkChannels(manifest: Manifest, probe: HostProbe): ChannelSpec[] {
  const count = manifest.channels.length;
  const fail = (status: number, line: number | undefined, problem: string): never => {
    throw new ManifestError('channels', status, line, problem);
  };
  if (count >= MAX_CHANNELS) fail(Errno.ENFILE, undefined, `channels number reached maximum: ${count} (at most ${MAX_CHANNELS - 1})`);
  if (count < MIN_CHANNELS) fail(Errno.EFAULT, undefined, `not enough channels: ${count} (at least ${MIN_CHANNELS})`);
  checkNameServer(manifest);
  const seen = new Set<string>();
  for (const channel of manifest.channels) {
    const named = JSON.stringify(channel.alias);
    if (seen.has(channel.alias)) fail(Errno.EFAULT, channel.line, `${named} is already allocated (duplicate alias)`);
    seen.add(channel.alias);
    if (channel.type > ChannelType.RGetRPut) fail(Errno.EFAULT, channel.line, `${named} has invalid type ${channel.type} (0..3)`);
    for (const source of channel.sources) {
      const problem = mountProblem(channel, source, manifest, probe);
      if (problem) fail(problem.status, channel.line, `cannot mount ${named}: ${problem.text}`);
    }
  }
  const sorted = sortChannels(manifest.channels);
  if (sorted[2]?.alias !== STANDARD_ALIASES[2] || sorted[1]?.alias !== STANDARD_ALIASES[1] || sorted[0]?.alias !== STANDARD_ALIASES[0]) {
    const missing = STANDARD_ALIASES.filter((a) => !seen.has(a));
    fail(Errno.EFAULT, undefined, `missing standard channels in manifest: ${missing.join(', ')}`);
  }
  return sorted;
}

/** NetCtor(): a name server must be udp:<ip>:<port> and needs this node's id. */
function checkNameServer(manifest: Manifest): void {
  const ns = manifest.nameServer;
  if (!ns) return;
  const fail = (problem: string): never => {
    throw new ManifestError('channels', Errno.EFAULT, undefined, `invalid NameServer: ${problem}`);
  };
  if (ns.kind !== 'connection') fail('expected udp:<ip>:<port>, got a file path');
  else if (ns.protocol !== 'UDP') fail(`protocol ${ns.protocol.toLowerCase()}, expected udp`);
  else if (!ns.hostIsAddress) fail('the host must be an IPv4 address');
  if (manifest.node === undefined) fail('Node not specified (a NameServer needs this node\'s id)');
  if (manifest.node! < 1) fail(`Node ${manifest.node} (expected 1..2147483647)`);
}

interface MountProblem {
  status: number;
  text: string;
}

/** The mount-time rules for one source of a channel (ZeroVM's preload/prefetch constructors). */
function mountProblem(channel: ChannelSpec, source: ChannelSource, manifest: Manifest, probe: HostProbe): MountProblem | undefined {
  const access = channelAccess(channel.limits);
  if (source.kind === 'connection') {
    if (source.protocol !== 'TCP') return { status: Errno.EPROTONOSUPPORT, text: `protocol ${source.protocol} is not supported` };
    if (!source.hostIsAddress && !manifest.nameServer) {
      return { status: Errno.EFAULT, text: `node id ${source.host} needs a NameServer to be resolved` };
    }
    if (!access.readable && !access.writable) return { status: Errno.EINVAL, text: 'all limits are 0 (NIL channel)' };
    if (access.readable && access.writable) return { status: Errno.EFAULT, text: 'network channels are one-way: both read and write limits set' };
    return undefined;
  }
  const kind = probe.source(source.path);
  const path = JSON.stringify(source.path);
  switch (kind) {
    case 'socket':
      return { status: Errno.EPROTONOSUPPORT, text: `${path} is a socket (not a supported channel source)` };
    case 'directory':
    case 'block':
    case 'other':
      return { status: Errno.EPROTONOSUPPORT, text: `${path} is a ${kind === 'other' ? 'special file' : `${kind} device`} (not a supported channel source)` };
    default:
      break;
  }
  if (!access.readable && !access.writable) return { status: Errno.EINVAL, text: 'all limits are 0 (NIL channel)' };
  // A missing file is created for writing (write-only or read-write), but cannot be only read.
  if (kind === 'missing' && access.readable && !access.writable) return { status: Errno.EFAULT, text: `${path} does not exist` };
  if ((kind === 'character' || kind === 'fifo') && access.readable && access.writable) {
    return { status: Errno.EFAULT, text: `${path} is a stream: it cannot be both read and written` };
  }
  if (access.readable && access.writable && (kind === 'regular' || kind === 'missing')) {
    if (channel.type === ChannelType.SGetSPut) return { status: Errno.EFAULT, text: 'sequential channels cannot have r/w access (type 0)' };
    if (channel.type === ChannelType.SGetRPut) return { status: Errno.EFAULT, text: 'sequential read / random write r/w channels are not supported (type 2)' };
  }
  return undefined;
}

function checkMemory(manifest: Manifest): void {
  if (manifest.memory <= 0n || manifest.memory > FOUR_GIB) {
    throw new ManifestError('memory', Errno.ENOMEM, undefined, `invalid memory size ${manifest.memory} (expected 1..${FOUR_GIB})`);
  }
}

function checkTimeout(manifest: Manifest): void {
  if (manifest.timeout < 1) throw new ManifestError('timeout', Errno.EFAULT, undefined, `invalid timeout ${manifest.timeout} (at least 1 second)`);
}
