// The nodes of the in-memory file system tree.
import { Mode } from '../abi.ts';
import type { Timestamp } from '../clock.ts';

/** A device behind a /dev entry: a channel or an emulated device (null, zero, full, random, urandom). */
export interface Device {
  /** Read into `buf` at byte position `pos`; returns the byte count (0 at end) or a negative errno. */
  read(buf: Uint8Array, pos: number): number;
  /** Write `bytes` at position `pos`; returns the byte count or a negative errno. */
  write(bytes: Uint8Array, pos: number): number;
  /** Current size in bytes (0 for streams). */
  size(): number;
  /** Reads honour the position (random-get channels): lseek for readers, pread, mmap. */
  readonly randomRead: boolean;
  /** Writes honour the position (random-put channels): lseek for writers, pwrite. */
  readonly randomWrite: boolean;
  /** isatty() answers yes (channels mapped as `char`). */
  readonly tty?: boolean;
}

interface InodeBase {
  readonly ino: number;
  /** File type and permission bits, as st_mode. */
  mode: number;
  nlink: number;
  uid: number;
  gid: number;
  atime: Timestamp;
  mtime: Timestamp;
  ctime: Timestamp;
  /** Part of a read-only directory (/dev): EROFS on any change. */
  readOnly: boolean;
}

export interface FileInode extends InodeBase {
  readonly kind: 'file';
  /** Capacity may exceed `size`; bytes past `size` are kept zero. */
  data: Uint8Array;
  size: number;
}

export interface DirInode extends InodeBase {
  readonly kind: 'dir';
  readonly entries: Map<string, Inode>;
  /** The directory holding this one; the root is its own parent, which clamps `..` at `/`. */
  parent: DirInode;
  /** A tar image waiting to be unpacked here on first access. */
  pendingMount?: () => void;
  /** Part of the /dev tree: never exported. */
  devfs?: boolean;
}

export interface SymlinkInode extends InodeBase {
  readonly kind: 'symlink';
  readonly target: string;
}

export interface DeviceInode extends InodeBase {
  readonly kind: 'device';
  readonly device: Device;
}

export type Inode = FileInode | DirInode | SymlinkInode | DeviceInode;

export function fileType(inode: Inode): number {
  return inode.mode & Mode.S_IFMT;
}
