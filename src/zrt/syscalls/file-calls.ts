// Descriptor-based calls: open/close/read/write/seek/stat/getdents and friends.
import { AccessMode, OpenFlag, Whence } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import { MAX_FILE_SIZE } from '../fs/file-system.ts';
import { OpenFile } from '../fs/open-file.ts';
import type { Inode } from '../fs/inode.ts';
import type { GuestMemory } from '../guest-memory.ts';
import { checkWritable, i64Bytes, readI64, readIn, readPath, writeOut } from './guest-io.ts';
import { Sys } from './numbers.ts';
import { type SyscallHandler, type ZrtState, int, u32 } from './state.ts';
import { encodeDirent, encodeStat, inodeSize } from './structs.ts';

/** Largest single transfer to or from a device (a shorter count is a valid answer to read/write). */
const MAX_DEVICE_IO = 16 << 20;
const MAX_COUNT = 0x7fffffff;

/** Owner permission check (the guest owns every file; there is no root). */
export function checkAccess(node: Inode, want: number): void {
  if (want & AccessMode.R_OK && !(node.mode & 0o400)) fail(Errno.EACCES, 'no read permission');
  if (want & AccessMode.W_OK && !(node.mode & 0o200)) fail(Errno.EACCES, 'no write permission');
  if (want & AccessMode.X_OK && !(node.mode & 0o100)) fail(Errno.EACCES, 'no execute permission');
}

function openCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const path = readPath(mem, u32(args, 0));
  const flags = int(args, 1);
  const perm = u32(args, 2) & 0o7777;
  const acc = flags & OpenFlag.O_ACCMODE;
  if (acc === 3) fail(Errno.EINVAL, 'bad access mode');
  const creat = (flags & OpenFlag.O_CREAT) !== 0;
  const excl = creat && (flags & OpenFlag.O_EXCL) !== 0;
  const follow = !(flags & OpenFlag.O_NOFOLLOW) && !excl;
  const r = st.fs.resolve(path, st.cwd, follow);
  let node = r.inode;
  let created = false;
  if (node) {
    if (excl) fail(Errno.EEXIST, 'file exists');
    if (node.kind === 'symlink') fail(Errno.ELOOP, 'symbolic link with O_NOFOLLOW');
  } else {
    if (!creat) fail(Errno.ENOENT, 'no such file');
    if (path.endsWith('/')) fail(Errno.EISDIR, 'is a directory');
    node = st.fs.createFile(r, perm);
    created = true;
  }
  const writable = acc !== OpenFlag.O_RDONLY;
  if (flags & OpenFlag.O_DIRECTORY && node.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
  if (node.kind === 'dir' && writable) fail(Errno.EISDIR, 'is a directory');
  if (writable && node.readOnly) fail(Errno.EROFS, 'read-only file system');
  if (!created) checkAccess(node, (acc !== OpenFlag.O_WRONLY ? AccessMode.R_OK : 0) | (writable ? AccessMode.W_OK : 0));
  if (flags & OpenFlag.O_TRUNC && writable && node.kind === 'file' && !created) st.fs.truncate(node, 0);
  return st.fds.add(new OpenFile(node, flags));
}

function readCall(st: ZrtState, fd: number, buf: number, count: number, mem: GuestMemory, at?: number): number {
  const of = st.fds.get(fd);
  if (!of.readable) fail(Errno.EBADF, 'not open for reading');
  count = Math.min(count, MAX_COUNT);
  checkWritable(mem, buf, count);
  const node = of.inode;
  const pos = at ?? of.offset;
  let n: number;
  if (node.kind === 'dir') fail(Errno.EISDIR, 'is a directory');
  if (node.kind === 'file') {
    const data = st.fs.readFile(node, pos, count);
    writeOut(mem, buf, data);
    n = data.length;
  } else if (node.kind === 'device') {
    if (at !== undefined && !node.device.randomRead) fail(Errno.ESPIPE, 'reads are sequential');
    const tmp = new Uint8Array(Math.min(count, MAX_DEVICE_IO));
    n = node.device.read(tmp, pos);
    if (n < 0) return n;
    n = Math.min(n, tmp.length); // a channel never gets to claim more than the buffer held
    writeOut(mem, buf, tmp.subarray(0, n));
  } else {
    fail(Errno.EINVAL, 'cannot read this file type');
  }
  if (at === undefined) of.offset = pos + n;
  return n;
}

function writeCall(st: ZrtState, fd: number, buf: number, count: number, mem: GuestMemory, at?: number): number {
  const of = st.fds.get(fd);
  if (!of.writable) fail(Errno.EBADF, 'not open for writing');
  count = Math.min(count, MAX_COUNT);
  const node = of.inode;
  if (node.kind === 'device') count = Math.min(count, MAX_DEVICE_IO);
  const append = at === undefined && (of.flags & OpenFlag.O_APPEND) !== 0;
  let pos = at ?? of.offset;
  // refuse an oversized file write before copying gigabytes out of the guest
  if (node.kind === 'file' && (append ? node.size : pos) + count > MAX_FILE_SIZE) fail(Errno.EFBIG, 'file too large');
  const bytes = readIn(mem, buf, count);
  let n: number;
  if (node.kind === 'file') {
    if (append) pos = node.size;
    n = st.fs.writeFile(node, pos, bytes);
  } else if (node.kind === 'device') {
    if (at !== undefined && !node.device.randomWrite) fail(Errno.ESPIPE, 'writes are sequential');
    if (append) pos = node.device.size();
    n = node.device.write(bytes, pos);
    if (n < 0) return n;
    n = Math.min(n, bytes.length);
  } else {
    fail(Errno.EISDIR, 'is a directory');
  }
  if (at === undefined) of.offset = pos + n;
  return n;
}

function lseekCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const of = st.fds.get(int(args, 0));
  const offp = u32(args, 1);
  const whence = int(args, 2);
  const offset = readI64(mem, offp);
  checkWritable(mem, offp, 8);
  const node = of.inode;
  let base: number;
  if (whence === Whence.SEEK_SET) base = 0;
  else if (whence === Whence.SEEK_CUR) base = of.offset;
  else if (whence === Whence.SEEK_END) base = node.kind === 'dir' ? fail(Errno.EINVAL, 'SEEK_END on a directory') : inodeSize(node);
  else fail(Errno.EINVAL, `bad whence ${whence}`);
  const result = base + offset;
  if (result < 0 || !Number.isSafeInteger(result)) fail(Errno.EINVAL, 'resulting offset out of range');
  // ZRT's channel table: the position can be set only in a random direction the descriptor uses;
  // elsewhere it can only be read back (lseek to where it already is).
  if (node.kind === 'device' && result !== of.offset) {
    const d = node.device;
    if (!((of.readable && d.randomRead) || (of.writable && d.randomWrite))) fail(Errno.ESPIPE, 'illegal seek');
  }
  of.offset = result;
  writeOut(mem, offp, i64Bytes(result));
  return 0;
}

function getdentsCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const of = st.fds.get(int(args, 0));
  const buf = u32(args, 1);
  const count = u32(args, 2);
  const dir = of.inode;
  if (dir.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
  checkWritable(mem, buf, count);
  const list: [string, Inode][] = [['.', dir], ['..', dir.parent], ...dir.entries];
  const out: Uint8Array[] = [];
  let used = 0;
  let i = of.offset;
  for (; i < list.length; i++) {
    const [name, node] = list[i]!;
    const rec = encodeDirent(node.ino, i + 1, name);
    if (used + rec.length > count) break;
    out.push(rec);
    used += rec.length;
  }
  if (out.length === 0 && i < list.length) fail(Errno.EINVAL, 'buffer too small for one entry');
  let p = buf;
  for (const rec of out) {
    writeOut(mem, p, rec);
    p += rec.length;
  }
  of.offset = i;
  return used;
}

function truncateLength(mem: GuestMemory, addr: number): number {
  const length = readI64(mem, addr);
  if (length < 0) fail(Errno.EINVAL, 'negative length');
  return length;
}

export function fileCalls(st: ZrtState): [number, SyscallHandler][] {
  return [
    [Sys.open, (a, m) => openCall(st, a, m)],
    [Sys.close, (a) => (st.fds.close(int(a, 0)), 0)],
    [Sys.dup, (a) => st.fds.dup(int(a, 0))],
    [Sys.dup2, (a) => st.fds.dup2(int(a, 0), int(a, 1))],
    [Sys.read, (a, m) => readCall(st, int(a, 0), u32(a, 1), u32(a, 2), m)],
    [Sys.write, (a, m) => writeCall(st, int(a, 0), u32(a, 1), u32(a, 2), m)],
    [Sys.pread, (a, m) => readCall(st, int(a, 0), u32(a, 1), u32(a, 2), m, nonNegative(readI64(m, u32(a, 3))))],
    [Sys.pwrite, (a, m) => writeCall(st, int(a, 0), u32(a, 1), u32(a, 2), m, nonNegative(readI64(m, u32(a, 3))))],
    [Sys.lseek, (a, m) => lseekCall(st, a, m)],
    [Sys.fstat, (a, m) => (writeOut(m, u32(a, 1), encodeStat(st.fds.get(int(a, 0)).inode)), 0)],
    [Sys.getdents, (a, m) => getdentsCall(st, a, m)],
    [Sys.isatty, (a) => (isTty(st.fds.get(int(a, 0)).inode) ? 1 : -Errno.ENOTTY)],
    [Sys.fsync, (a) => (st.fds.get(int(a, 0)), 0)],
    [Sys.fdatasync, (a) => (st.fds.get(int(a, 0)), 0)],
    [Sys.fchmod, (a) => (st.fs.chmod(st.fds.get(int(a, 0)).inode, u32(a, 1)), 0)],
    [
      Sys.fchdir,
      (a) => {
        const node = st.fds.get(int(a, 0)).inode;
        if (node.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
        st.cwd = node;
        return 0;
      },
    ],
    [
      Sys.ftruncate,
      (a, m) => {
        const of = st.fds.get(int(a, 0));
        const length = truncateLength(m, u32(a, 1));
        if (!of.writable) fail(Errno.EINVAL, 'not open for writing');
        st.fs.truncate(of.inode, length);
        return 0;
      },
    ],
    [
      Sys.truncate,
      (a, m) => {
        const node = st.fs.lookup(readPath(m, u32(a, 0)), st.cwd);
        const length = truncateLength(m, u32(a, 1));
        if (node.kind === 'file' && !node.readOnly) checkAccess(node, AccessMode.W_OK);
        st.fs.truncate(node, length);
        return 0;
      },
    ],
  ];
}

function nonNegative(offset: number): number {
  if (offset < 0) fail(Errno.EINVAL, 'negative offset');
  return offset;
}

/** Only channels mapped as `char` in nvram count as terminals. */
function isTty(node: Inode): boolean {
  return node.kind === 'device' && node.device.tty === true;
}
