// One archive member as the reader yields it and the writer takes it.

export type TarEntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'chardev' | 'blockdev' | 'fifo';

export interface TarEntry {
  /** Relative path, normalised: no leading "/" or "./", no trailing "/", no "." or ".." parts. */
  readonly path: string;
  readonly type: TarEntryType;
  /** Permission bits only. */
  readonly mode: number;
  readonly uid: number;
  readonly gid: number;
  /** Modification time in whole seconds. */
  readonly mtime: number;
  /** File content (empty for other types). */
  readonly data: Uint8Array;
  /** Symlink target (as stored) or hard link source (normalised relative path); '' otherwise. */
  readonly linkpath: string;
}

export const BLOCK = 512;
