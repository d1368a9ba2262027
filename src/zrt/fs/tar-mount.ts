// Unpacking a tar image into the tree at a mount point (ZRT's `access=ro` fstab records). The archive is
// read and checked against the tree in full before anything is created, so a bad image mounts nothing.
import type { TarEntry } from '../tar/entry.ts';
import { readTar } from '../tar/reader.ts';
import { TarError } from '../tar/tar-error.ts';
import type { MemoryFileSystem } from './file-system.ts';
import type { DirInode, Inode } from './inode.ts';

interface StagedDir {
  readonly kind: 'dir';
  entry: TarEntry | undefined;
  readonly children: Map<string, Staged>;
}
interface StagedLeaf {
  readonly kind: 'leaf';
  readonly entry: TarEntry;
  /** For hard links: the member whose inode they share. */
  readonly source?: StagedLeaf;
}
type Staged = StagedDir | StagedLeaf;

function stage(entries: readonly TarEntry[]): StagedDir {
  const root: StagedDir = { kind: 'dir', entry: undefined, children: new Map() };
  for (const e of entries) {
    if (e.type === 'chardev' || e.type === 'blockdev' || e.type === 'fifo') continue; // the memory FS holds none
    if (e.path === '') {
      root.entry = e;
      continue;
    }
    const parts = e.path.split('/');
    const name = parts.pop()!;
    let dir = root;
    for (const p of parts) {
      let next = dir.children.get(p);
      if (!next || next.kind !== 'dir') {
        next = { kind: 'dir', entry: undefined, children: new Map() };
        dir.children.set(p, next);
      }
      dir = next;
    }
    if (e.type === 'dir') {
      const existing = dir.children.get(name);
      if (existing?.kind === 'dir') existing.entry = e;
      else dir.children.set(name, { kind: 'dir', entry: e, children: new Map() });
    } else if (e.type === 'hardlink') {
      const source = findLeaf(root, e.linkpath);
      if (!source) throw new TarError('bad-link', -1, `hard link ${JSON.stringify(e.path)} to missing member ${JSON.stringify(e.linkpath)}`);
      dir.children.set(name, { kind: 'leaf', entry: e, source: source.source ?? source });
    } else {
      dir.children.set(name, { kind: 'leaf', entry: e });
    }
  }
  return root;
}

function findLeaf(root: StagedDir, path: string): StagedLeaf | undefined {
  let node: Staged | undefined = root;
  for (const p of path.split('/')) node = node?.kind === 'dir' ? node.children.get(p) : undefined;
  return node?.kind === 'leaf' && node.entry.type !== 'dir' ? node : undefined;
}

/**
 * Refuse the whole image if any member collides with what is already there. Members under /dev are
 * dropped: /dev is the channels mount, where ZRT cannot create files either.
 */
function check(staged: StagedDir, dir: DirInode, path: string): void {
  if (dir.devfs) throw new TarError('conflict', -1, `cannot unpack into ${path || '/'} (the channels mount)`);
  for (const [name, s] of staged.children) {
    const existing = dir.entries.get(name);
    if (!existing) continue;
    if (existing.kind === 'dir' && existing.devfs) {
      staged.children.delete(name);
      continue;
    }
    const where = `${path}/${name}`;
    if (s.kind === 'dir') {
      if (existing.kind !== 'dir') throw new TarError('conflict', -1, `member directory ${where} collides with an existing ${existing.kind}`);
      check(s, existing, where);
    } else if (existing.kind === 'dir') {
      throw new TarError('conflict', -1, `member ${where} collides with an existing directory`);
    }
  }
}

function time(sec: number) {
  return { sec, nsec: 0 };
}

function apply(fs: MemoryFileSystem, staged: StagedDir, dir: DirInode, made: Map<StagedLeaf, Inode>): void {
  for (const [name, s] of staged.children) {
    const existing = dir.entries.get(name);
    if (s.kind === 'dir') {
      let target: DirInode;
      if (existing?.kind === 'dir') target = existing;
      else {
        target = fs.newDir(dir, s.entry?.mode ?? 0o755);
        fs.attach(dir, name, target);
      }
      apply(fs, s, target, made);
      if (s.entry && target !== existing) {
        target.uid = s.entry.uid;
        target.gid = s.entry.gid;
        target.mtime = time(s.entry.mtime);
        target.atime = target.mtime;
      }
      continue;
    }
    if (existing) {
      dir.entries.delete(name);
      existing.nlink--;
    }
    const origin = s.source ?? s;
    let node = made.get(origin);
    if (!node) {
      const e = origin.entry;
      node = e.type === 'symlink' ? fs.newSymlink(e.linkpath) : fs.newFile(e.mode, e.data.slice());
      node.uid = e.uid;
      node.gid = e.gid;
      node.mtime = time(e.mtime);
      node.atime = node.mtime;
      made.set(origin, node);
    }
    fs.attach(dir, name, node);
  }
}

/**
 * Unpack `entries` at `mountDir`, or throw a TarError and leave the tree untouched. The members
 * become ordinary files of the memory file system, writable like any other (ZRT's unpacker creates
 * them with open+write in its memory FS): `access=ro` is about the channel, not the files.
 */
export function unpackEntries(fs: MemoryFileSystem, mountDir: DirInode, entries: readonly TarEntry[]): void {
  const staged = stage(entries);
  check(staged, mountDir, fs.pathOf(mountDir) === '/' ? '' : fs.pathOf(mountDir));
  apply(fs, staged, mountDir, new Map());
}

/**
 * Register a tar image to be unpacked on first access of its mount point (created now if missing).
 * `load` supplies the archive bytes; any failure goes to `onError` and leaves the mount point empty.
 */
export function mountTarLazily(
  fs: MemoryFileSystem,
  mountpoint: string,
  load: () => Uint8Array,
  onError: (error: unknown) => void,
): DirInode {
  let dir = fs.root;
  for (const part of mountpoint.split('/').filter((p) => p && p !== '.')) {
    if (part === '..') {
      dir = dir.parent;
      continue;
    }
    const next = dir.entries.get(part);
    if (next && next.kind !== 'dir') throw new TarError('conflict', -1, `mount point ${mountpoint} is not a directory`);
    if (next) dir = next;
    else {
      const made = fs.newDir(dir, 0o755);
      fs.attach(dir, part, made);
      dir = made;
    }
  }
  const target = dir;
  const previous = target.pendingMount;
  target.pendingMount = () => {
    previous?.();
    try {
      unpackEntries(fs, target, readTar(load()));
    } catch (e) {
      onError(e);
    }
  };
  return target;
}
