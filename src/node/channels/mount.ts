// Mounting checked channels on the host the way ZeroVM does (preload.c): read-only files are
// opened as they are, write-only files are created or emptied, read-write files are created if
// missing; character devices and FIFOs become streams. /dev/stdin, /dev/stdout and /dev/stderr as
// host paths are this process's own descriptors. Network sources are not available here.
// Unlike ZeroVM, write channels are not preallocated to put_size (as with zerovm -P).
import { Channel, quotas } from '../../channels/channel.ts';
import type { ChannelDevice } from '../../channels/device.ts';
import { channelAccess } from '../../manifest/access.ts';
import { ChannelType, type ChannelSpec } from '../../manifest/types.ts';
import { Errno } from '../../runtime/errno.ts';
import { HostFileDevice } from './host-file.ts';
import { HostStreamDevice } from './host-stream.ts';
import { sourceKind } from './host-probe.ts';

export class MountError extends Error {
  override readonly name = 'MountError';
  constructor(readonly alias: string, readonly status: number, problem: string) {
    super(`channel ${JSON.stringify(alias)}: ${problem}`);
  }
}

const OWN_STREAMS: Record<string, number> = { '/dev/stdin': 0, '/dev/stdout': 1, '/dev/stderr': 2 };

/** Mounts channels given in handle order; on failure the ones already open are closed again. */
export function mountChannels(specs: readonly ChannelSpec[]): Channel[] {
  const mounted: Channel[] = [];
  try {
    for (const spec of specs) mounted.push(mountChannel(spec));
  } catch (e) {
    for (const c of mounted) void c.close();
    throw e;
  }
  return mounted;
}

export function mountChannel(spec: ChannelSpec): Channel {
  if (spec.sources.length !== 1) throw new MountError(spec.alias, Errno.EPROTONOSUPPORT, `${spec.sources.length} sources: replicated channels are not supported`);
  const source = spec.sources[0]!;
  if (source.kind !== 'file') throw new MountError(spec.alias, Errno.EPROTONOSUPPORT, 'network channels are not supported by this runtime');
  const access = channelAccess(spec.limits);
  const path = source.path;
  const kind = sourceKind(path);
  let device: ChannelDevice;
  let putPosition = 0;
  try {
    if (kind === 'character' || kind === 'fifo') {
      const own = OWN_STREAMS[path];
      device = own !== undefined ? new HostStreamDevice(own, false) : HostStreamDevice.open(path, access.writable ? 'w' : 'r');
    } else if (kind === 'regular' || kind === 'missing') {
      ({ device, putPosition } = openRegular(spec, path, access));
    } else {
      throw new MountError(spec.alias, Errno.EPROTONOSUPPORT, `${JSON.stringify(path)} (${kind}) is not a supported channel source`);
    }
  } catch (e) {
    if (e instanceof MountError) throw e;
    throw new MountError(spec.alias, Errno.EFAULT, `cannot open ${JSON.stringify(path)}: ${(e as Error).message}`);
  }
  return new Channel(device, { alias: spec.alias, type: spec.type, limits: quotas(spec.limits), etag: spec.etag, putPosition });
}

function openRegular(spec: ChannelSpec, path: string, access: { readable: boolean; writable: boolean }): { device: ChannelDevice; putPosition: number } {
  if (access.readable && !access.writable) return { device: HostFileDevice.open(path, 'r'), putPosition: 0 };
  if (!access.readable && access.writable) return { device: HostFileDevice.open(path, 'w'), putPosition: 0 };
  // Read-write: CDR channels (type 1) append after the existing contents, type 3 writes anywhere.
  const device = HostFileDevice.open(path, 'a+');
  return { device, putPosition: spec.type === ChannelType.RGetSPut ? device.size() : 0 };
}
