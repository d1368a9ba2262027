// /dev: the manifest's channels (as ZRT's channels mount shows them) plus the emulated devices.
import { Mode } from '../abi.ts';
import { Errno } from '../errno.ts';
import type { DeterministicRandom } from '../random.ts';
import type { MemoryFileSystem } from './file-system.ts';
import type { Device, DirInode } from './inode.ts';

/** What the runtime needs of one manifest channel; the lead wires the ZeroVM channel layer to it. */
export interface ChannelView {
  /** Guest-side name, e.g. "/dev/stdin". Only aliases under /dev/ are shown (as in ZRT). */
  readonly alias: string;
  /** 0 SGetSPut, 1 RGetSPut, 2 SGetRPut, 3 RGetRPut. */
  readonly type: number;
  /** Current size in bytes (0 for sequential channels). */
  readonly size: number;
  /** Derived from the manifest limits; both default to true. */
  readonly readable?: boolean;
  readonly writable?: boolean;
  /** Read into `buf`; `offset` is ignored by sequential channels. Bytes read, 0 at end, or -errno. */
  read(buf: Uint8Array, offset: number): number;
  /** Write `bytes`; `offset` is ignored by sequential channels. Bytes written or -errno. */
  write(bytes: Uint8Array, offset: number): number;
}

/** nvram [mapping] modes. */
export type ChannelMode = 'pipe' | 'char' | 'file';

export function channelDevice(ch: ChannelView, mode?: ChannelMode): Device {
  return {
    tty: mode === 'char',
    read: (buf, pos) => (ch.readable === false ? -Errno.EBADF : ch.read(buf, pos)),
    write: (bytes, pos) => (ch.writable === false ? -Errno.EBADF : ch.write(bytes, pos)),
    size: () => ch.size,
    randomRead: ch.type === 1 || ch.type === 3,
    randomWrite: ch.type === 2 || ch.type === 3,
  };
}

function emulated(read: (buf: Uint8Array) => number, write: (bytes: Uint8Array) => number): Device {
  return { read: (buf) => read(buf), write: (bytes) => write(bytes), size: () => 0, randomRead: false, randomWrite: false };
}

export function emulatedDevices(random: DeterministicRandom): ReadonlyMap<string, Device> {
  const zeros = (buf: Uint8Array) => (buf.fill(0), buf.length);
  const sink = (bytes: Uint8Array) => bytes.length;
  const randomDev = emulated((buf) => random.fill(buf).length, sink);
  return new Map([
    ['null', emulated(() => 0, sink)],
    ['zero', emulated(zeros, sink)],
    ['full', emulated(zeros, () => -Errno.ENOSPC)],
    ['random', randomDev],
    ['urandom', randomDev],
  ]);
}

function modeType(ch: ChannelView, mode: ChannelMode | undefined): number {
  if (mode === 'pipe') return Mode.S_IFIFO;
  if (mode === 'char') return Mode.S_IFCHR;
  if (mode === 'file') return Mode.S_IFREG;
  return ch.type === 0 ? Mode.S_IFIFO : Mode.S_IFBLK;
}

/** Build /dev (read-only as a directory) with the channels and emulated devices. */
export function buildDevfs(
  fs: MemoryFileSystem,
  channels: readonly ChannelView[],
  mapping: ReadonlyMap<string, ChannelMode>,
  random: DeterministicRandom,
): DirInode {
  const dev = fs.newDir(fs.root, 0o755);
  dev.devfs = true;
  fs.attach(fs.root, 'dev', dev);
  const dirOf = (parts: string[]): DirInode => {
    let d = dev;
    for (const p of parts) {
      let next = d.entries.get(p);
      if (!next) {
        const nd = fs.newDir(d, 0o755);
        nd.devfs = true;
        fs.attach(d, p, nd);
        next = nd;
      }
      if (next.kind !== 'dir') return d;
      d = next;
    }
    return d;
  };
  for (const ch of channels) {
    if (!ch.alias.startsWith('/dev/')) continue;
    const parts = ch.alias.slice(5).split('/').filter((p) => p && p !== '.' && p !== '..');
    const name = parts.pop();
    if (!name) continue;
    const dir = dirOf(parts);
    if (dir.entries.has(name)) continue;
    const perm = (ch.readable === false ? 0 : 0o444) | (ch.writable === false ? 0 : 0o222);
    const mode = mapping.get(ch.alias);
    fs.attach(dir, name, fs.newDevice(modeType(ch, mode), perm, channelDevice(ch, mode)));
  }
  for (const [name, device] of emulatedDevices(random)) {
    if (!dev.entries.has(name)) fs.attach(dev, name, fs.newDevice(Mode.S_IFCHR, 0o666, device));
  }
  markReadOnly(dev);
  return dev;
}

function markReadOnly(dir: DirInode): void {
  dir.readOnly = true;
  for (const child of dir.entries.values()) if (child.kind === 'dir') markReadOnly(child);
}
