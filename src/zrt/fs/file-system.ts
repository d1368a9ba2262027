// The in-memory read-write tree behind `/`: lookup with symlinks and clamped `..`, and the namespace
// operations (mkdir, rmdir, unlink, rename, link, symlink, truncate...). Errors are thrown as ZrtErrno.
import { Mode } from '../abi.ts';
import type { Timestamp } from '../clock.ts';
import { Errno, fail } from '../errno.ts';
import type { Device, DeviceInode, DirInode, FileInode, Inode, SymlinkInode } from './inode.ts';
import { parsePath } from './path.ts';

/** Linux's limit on symlinks followed during one lookup. */
export const SYMLOOP_MAX = 40;
/** Largest regular file the tree will hold (writes or truncates past it give EFBIG). */
export const MAX_FILE_SIZE = 1 << 30;

export interface FileSystemOptions {
  /** The time stamped on changes. ZRT's clock is read here without being advanced. */
  readonly now: () => Timestamp;
  readonly uid?: number;
  readonly gid?: number;
  /**
   * Bytes all file contents may hold (default: no limit). ZRT keeps its tree in the guest's heap,
   * which bounds it; here a sparse write or a truncate would otherwise cost the host a gigabyte each.
   */
  readonly dataLimit?: number;
  /** Inodes held by open descriptors: they keep their bytes after their last name is gone. */
  readonly openInodes?: () => Iterable<Inode>;
}

/** Where a path ends: the directory holding the last component, its name and the inode if it exists. */
export interface Resolved {
  readonly dir: DirInode;
  readonly name: string;
  readonly inode: Inode | undefined;
}

export class MemoryFileSystem {
  readonly root: DirInode;
  private nextIno = 1;
  private readonly uid: number;
  private readonly gid: number;
  /** At least the bytes of live file buffers: grows with each buffer, recounted near the limit. */
  private dataBytes = 0;

  constructor(private readonly options: FileSystemOptions) {
    this.uid = options.uid ?? 0;
    this.gid = options.gid ?? 0;
    // The root is its own parent; newDir needs a parent, so it is patched in right after.
    const root = this.newDir(undefined as unknown as DirInode, 0o755);
    root.parent = root;
    this.root = root;
  }

  now(): Timestamp {
    return this.options.now();
  }

  // ---- node creation (the caller links the node into a directory) ----

  private stamp<T extends object>(partial: T): T & ReturnType<MemoryFileSystem['baseFields']> {
    return Object.assign(partial, this.baseFields());
  }

  private baseFields() {
    const t = this.now();
    return { ino: this.nextIno++, uid: this.uid, gid: this.gid, atime: t, mtime: t, ctime: t, readOnly: false };
  }

  newFile(perm: number, data: Uint8Array = new Uint8Array(0)): FileInode {
    this.dataBytes += data.length;
    return this.stamp({ kind: 'file' as const, mode: Mode.S_IFREG | (perm & Mode.PERMS), nlink: 0, data, size: data.length });
  }

  newDir(parent: DirInode, perm: number): DirInode {
    return this.stamp({ kind: 'dir' as const, mode: Mode.S_IFDIR | (perm & Mode.PERMS), nlink: 2, entries: new Map(), parent });
  }

  newSymlink(target: string): SymlinkInode {
    return this.stamp({ kind: 'symlink' as const, mode: Mode.S_IFLNK | 0o777, nlink: 0, target });
  }

  newDevice(type: number, perm: number, device: Device): DeviceInode {
    return this.stamp({ kind: 'device' as const, mode: type | (perm & Mode.PERMS), nlink: 0, device });
  }

  /** Link `node` into `dir` under `name` (no checks: callers validate first). */
  attach(dir: DirInode, name: string, node: Inode): void {
    dir.entries.set(name, node);
    if (node.kind === 'dir') {
      // a directory's own count stays 2 (its entry and "."); the parent gains the child's ".."
      node.parent = dir;
      node.nlink = 2 + [...node.entries.values()].filter((e) => e.kind === 'dir').length;
      dir.nlink++;
    } else {
      node.nlink++;
    }
    this.touchDir(dir);
  }

  private detach(dir: DirInode, name: string, node: Inode): void {
    dir.entries.delete(name);
    if (node.kind === 'dir') {
      dir.nlink--;
      node.nlink = 0;
    } else {
      node.nlink--;
      node.ctime = this.now();
    }
    this.touchDir(dir);
  }

  private touchDir(dir: DirInode): void {
    const t = this.now();
    dir.mtime = t;
    dir.ctime = t;
  }

  // ---- lookup ----

  /** Unpack a pending tar image the first time its mount point is reached. */
  private enter(dir: DirInode): void {
    const mount = dir.pendingMount;
    if (mount) {
      delete dir.pendingMount;
      mount();
    }
  }

  /**
   * Walk `path` from `cwd`. Symlinks in the middle are always followed, the last one only when `followLast`
   * (or when the path ends in '/'). `..` at the root stays at the root.
   */
  resolve(path: string, cwd: DirInode, followLast: boolean): Resolved {
    const parsed = parsePath(path);
    const follow = followLast || parsed.trailingSlash;
    let dir = parsed.absolute ? this.root : cwd;
    this.enter(dir);
    const stack = parsed.parts.slice();
    let budget = SYMLOOP_MAX;
    for (;;) {
      if (stack.length === 0) return { dir: dir.parent, name: '.', inode: dir };
      const name = stack.shift()!;
      const node = name === '.' ? dir : name === '..' ? dir.parent : dir.entries.get(name);
      if (node?.kind === 'symlink' && (stack.length > 0 || follow)) {
        if (--budget < 0) fail(Errno.ELOOP, 'too many symbolic links');
        if (node.target.length === 0) fail(Errno.ENOENT, 'empty symlink');
        const target = parsePath(node.target);
        if (target.absolute) dir = this.root;
        stack.unshift(...target.parts);
        continue;
      }
      if (node?.kind === 'dir') this.enter(node);
      if (stack.length === 0) {
        if (parsed.trailingSlash && node && node.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
        return { dir, name, inode: node };
      }
      if (!node) fail(Errno.ENOENT, `no such entry: ${name}`);
      if (node.kind !== 'dir') fail(Errno.ENOTDIR, `not a directory: ${name}`);
      dir = node;
    }
  }

  /** The inode at `path`, which must exist. */
  lookup(path: string, cwd: DirInode, followLast = true): Inode {
    const r = this.resolve(path, cwd, followLast);
    if (!r.inode) fail(Errno.ENOENT, 'no such file or directory');
    return r.inode;
  }

  /** Absolute path of a directory still linked in the tree (getcwd). */
  pathOf(dir: DirInode): string {
    const names: string[] = [];
    for (let d = dir; d !== this.root; d = d.parent) {
      let found: string | undefined;
      for (const [n, child] of d.parent.entries) if (child === d) found = n;
      if (found === undefined) fail(Errno.ENOENT, 'directory was removed');
      names.push(found);
    }
    return '/' + names.reverse().join('/');
  }

  // ---- namespace operations ----

  private writableDir(dir: DirInode): void {
    if (dir.readOnly) fail(Errno.EROFS, 'read-only file system');
  }

  mkdir(path: string, cwd: DirInode, perm: number): DirInode {
    const r = this.resolve(path, cwd, false);
    if (r.inode || r.name === '.' || r.name === '..') fail(Errno.EEXIST, 'exists');
    this.writableDir(r.dir);
    const d = this.newDir(r.dir, perm);
    this.attach(r.dir, r.name, d);
    return d;
  }

  /** Create a regular file at an already resolved, absent name. */
  createFile(r: Resolved, perm: number): FileInode {
    if (r.name === '.' || r.name === '..') fail(Errno.EISDIR, 'is a directory');
    this.writableDir(r.dir);
    const f = this.newFile(perm);
    this.attach(r.dir, r.name, f);
    return f;
  }

  rmdir(path: string, cwd: DirInode): void {
    const r = this.resolve(path, cwd, false);
    if (r.inode === this.root) fail(Errno.EBUSY, 'cannot remove the root');
    if (r.name === '.') fail(Errno.EINVAL, 'cannot remove "."');
    if (r.name === '..') fail(Errno.ENOTEMPTY, 'cannot remove ".."');
    const node = r.inode;
    if (!node) fail(Errno.ENOENT, 'no such directory');
    if (node.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
    if (node === this.root || node.devfs) fail(Errno.EBUSY, 'mount point');
    if (node.entries.size > 0) fail(Errno.ENOTEMPTY, 'directory not empty');
    this.writableDir(r.dir);
    this.detach(r.dir, r.name, node);
  }

  unlink(path: string, cwd: DirInode): void {
    const r = this.resolve(path, cwd, false);
    const node = r.inode;
    if (!node) fail(Errno.ENOENT, 'no such file');
    if (node.kind === 'dir') fail(Errno.EISDIR, 'is a directory');
    this.writableDir(r.dir);
    this.detach(r.dir, r.name, node);
  }

  link(oldPath: string, newPath: string, cwd: DirInode): void {
    const node = this.lookup(oldPath, cwd, false);
    if (node.kind === 'dir') fail(Errno.EPERM, 'hard link to a directory');
    const r = this.resolve(newPath, cwd, false);
    if (r.inode || r.name === '.' || r.name === '..') fail(Errno.EEXIST, 'exists');
    this.writableDir(r.dir);
    this.attach(r.dir, r.name, node);
    node.ctime = this.now();
  }

  symlink(target: string, newPath: string, cwd: DirInode): void {
    if (target.length === 0) fail(Errno.ENOENT, 'empty symlink target');
    const r = this.resolve(newPath, cwd, false);
    if (r.inode || r.name === '.' || r.name === '..') fail(Errno.EEXIST, 'exists');
    this.writableDir(r.dir);
    this.attach(r.dir, r.name, this.newSymlink(target));
  }

  readlink(path: string, cwd: DirInode): string {
    const node = this.lookup(path, cwd, false);
    if (node.kind !== 'symlink') fail(Errno.EINVAL, 'not a symbolic link');
    return node.target;
  }

  rename(oldPath: string, newPath: string, cwd: DirInode): void {
    const from = this.resolve(oldPath, cwd, false);
    const to = this.resolve(newPath, cwd, false);
    for (const n of [from.name, to.name]) if (n === '.' || n === '..') fail(Errno.EINVAL, 'cannot rename "." or ".."');
    const node = from.inode;
    if (!node) fail(Errno.ENOENT, 'no such file');
    if (node === to.inode) return;
    if (node.kind === 'dir' && node.devfs) fail(Errno.EBUSY, 'mount point');
    this.writableDir(from.dir);
    this.writableDir(to.dir);
    if (node.kind === 'dir') {
      for (let d = to.dir; ; d = d.parent) {
        if (d === node) fail(Errno.EINVAL, 'cannot move a directory into itself');
        if (d === this.root) break;
      }
    }
    const target = to.inode;
    if (target) {
      if (node.kind === 'dir') {
        if (target.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
        if (target.entries.size > 0) fail(Errno.ENOTEMPTY, 'directory not empty');
      } else if (target.kind === 'dir') {
        fail(Errno.EISDIR, 'is a directory');
      }
      if (target.kind === 'dir' && target.devfs) fail(Errno.EBUSY, 'mount point');
      this.detach(to.dir, to.name, target);
    }
    this.detach(from.dir, from.name, node);
    this.attach(to.dir, to.name, node);
    node.ctime = this.now();
  }

  // ---- inode changes ----

  chmod(node: Inode, perm: number): void {
    if (node.readOnly) fail(Errno.EROFS, 'read-only file system');
    node.mode = (node.mode & Mode.S_IFMT) | (perm & Mode.PERMS);
    node.ctime = this.now();
  }

  utimes(node: Inode, atime: Timestamp, mtime: Timestamp): void {
    if (node.readOnly) fail(Errno.EROFS, 'read-only file system');
    node.atime = atime;
    node.mtime = mtime;
    node.ctime = this.now();
  }

  truncate(node: Inode, length: number): void {
    if (node.kind === 'dir') fail(Errno.EISDIR, 'is a directory');
    if (node.kind !== 'file') fail(Errno.EINVAL, 'not a regular file');
    if (node.readOnly) fail(Errno.EROFS, 'read-only file system');
    if (length < 0) fail(Errno.EINVAL, 'negative length');
    if (length > MAX_FILE_SIZE) fail(Errno.EFBIG, 'file too large');
    if (length < node.size) node.data.fill(0, length, node.size);
    else this.ensureCapacity(node, length);
    node.size = length;
    const t = this.now();
    node.mtime = t;
    node.ctime = t;
  }

  /** Copy file bytes [pos, pos+len) out (fewer at the end of the file). */
  readFile(node: FileInode, pos: number, len: number): Uint8Array {
    if (pos >= node.size) return new Uint8Array(0);
    return node.data.slice(pos, Math.min(node.size, pos + len));
  }

  writeFile(node: FileInode, pos: number, bytes: Uint8Array): number {
    if (node.readOnly) fail(Errno.EROFS, 'read-only file system');
    if (bytes.length === 0) return 0;
    if (pos + bytes.length > MAX_FILE_SIZE) fail(Errno.EFBIG, 'file too large');
    this.ensureCapacity(node, pos + bytes.length);
    node.data.set(bytes, pos);
    node.size = Math.max(node.size, pos + bytes.length);
    const t = this.now();
    node.mtime = t;
    node.ctime = t;
    return bytes.length;
  }

  /** Grows a file's buffer to hold `size` bytes (doubling), within dataLimit or ENOSPC. */
  private ensureCapacity(node: FileInode, size: number): void {
    if (size <= node.data.length) return;
    let length = Math.min(MAX_FILE_SIZE, Math.max(size, node.data.length * 2, 256));
    const limit = this.options.dataLimit ?? Infinity;
    if (this.dataBytes + length - node.data.length > limit) {
      this.dataBytes = this.liveDataBytes();
      if (this.dataBytes + length - node.data.length > limit) length = size; // no room to double
      if (this.dataBytes + length - node.data.length > limit) fail(Errno.ENOSPC, 'no space left for file data');
    }
    const grown = new Uint8Array(length);
    grown.set(node.data.subarray(0, node.size));
    this.dataBytes += length - node.data.length;
    node.data = grown;
  }

  /** The bytes of file buffers still reachable: by a name under the root or an open descriptor. */
  private liveDataBytes(): number {
    const files = new Set<FileInode>();
    const visit = (node: Inode): void => {
      if (node.kind === 'file') files.add(node);
      else if (node.kind === 'dir') for (const child of node.entries.values()) visit(child);
    };
    visit(this.root);
    for (const node of this.options.openInodes?.() ?? []) if (node.kind === 'file') files.add(node);
    let total = 0;
    for (const f of files) total += f.data.length;
    return total;
  }
}
