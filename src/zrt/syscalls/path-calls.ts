// Path-based calls: stat, mkdir, unlink, rename, links, access, chdir/getcwd, chmod, utimes.
import { AccessMode } from '../abi.ts';
import type { Timestamp } from '../clock.ts';
import { Errno, fail } from '../errno.ts';
import type { GuestMemory } from '../guest-memory.ts';
import { encodeUtf8 } from '../../text/utf8.ts';
import { checkAccess } from './file-calls.ts';
import { readIn, readPath, writeOut } from './guest-io.ts';
import { Sys } from './numbers.ts';
import { type SyscallHandler, type ZrtState, int, u32 } from './state.ts';
import { decodeTimePair, encodeStat } from './structs.ts';

function statCall(st: ZrtState, args: readonly number[], mem: GuestMemory, follow: boolean): number {
  const node = st.fs.lookup(readPath(mem, u32(args, 0)), st.cwd, follow);
  writeOut(mem, u32(args, 1), encodeStat(node));
  return 0;
}

function accessCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const node = st.fs.lookup(readPath(mem, u32(args, 0)), st.cwd);
  const amode = int(args, 1);
  if (amode & ~7) fail(Errno.EINVAL, 'bad access mode');
  if (amode & AccessMode.W_OK && node.readOnly) fail(Errno.EROFS, 'read-only file system');
  checkAccess(node, amode);
  return 0;
}

function getcwdCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const bytes = encodeUtf8(st.fs.pathOf(st.cwd) + '\0');
  if (u32(args, 1) < bytes.length) fail(Errno.ERANGE, 'buffer too small');
  writeOut(mem, u32(args, 0), bytes);
  return 0;
}

function readlinkCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const target = encodeUtf8(st.fs.readlink(readPath(mem, u32(args, 0)), st.cwd));
  const size = int(args, 2);
  if (size <= 0) fail(Errno.EINVAL, 'bad buffer size');
  const n = Math.min(size, target.length);
  writeOut(mem, u32(args, 1), target.subarray(0, n));
  return n;
}

function utimesCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const path = readPath(mem, u32(args, 0));
  const timesAddr = u32(args, 1);
  let atime: Timestamp;
  let mtime: Timestamp;
  if (timesAddr === 0) {
    atime = mtime = st.fs.now();
  } else {
    const raw = readIn(mem, timesAddr, 32);
    const [a, m] = [decodeTimePair(raw, 0), decodeTimePair(raw, 16)];
    for (const t of [a, m]) if (t.frac < 0 || t.frac >= 1_000_000) fail(Errno.EINVAL, 'tv_usec out of range');
    atime = { sec: a.sec, nsec: a.frac * 1000 };
    mtime = { sec: m.sec, nsec: m.frac * 1000 };
  }
  st.fs.utimes(st.fs.lookup(path, st.cwd), atime, mtime);
  return 0;
}

export function pathCalls(st: ZrtState): [number, SyscallHandler][] {
  const path = (m: GuestMemory, a: readonly number[], i: number) => readPath(m, u32(a, i));
  return [
    [Sys.stat, (a, m) => statCall(st, a, m, true)],
    [Sys.lstat, (a, m) => statCall(st, a, m, false)],
    [Sys.mkdir, (a, m) => (st.fs.mkdir(path(m, a, 0), st.cwd, u32(a, 1)), 0)],
    [Sys.rmdir, (a, m) => (st.fs.rmdir(path(m, a, 0), st.cwd), 0)],
    [Sys.unlink, (a, m) => (st.fs.unlink(path(m, a, 0), st.cwd), 0)],
    [Sys.rename, (a, m) => (st.fs.rename(path(m, a, 0), path(m, a, 1), st.cwd), 0)],
    [Sys.link, (a, m) => (st.fs.link(path(m, a, 0), path(m, a, 1), st.cwd), 0)],
    [Sys.symlink, (a, m) => (st.fs.symlink(path(m, a, 0), path(m, a, 1), st.cwd), 0)],
    [Sys.readlink, (a, m) => readlinkCall(st, a, m)],
    [Sys.access, (a, m) => accessCall(st, a, m)],
    [Sys.chmod, (a, m) => (st.fs.chmod(st.fs.lookup(path(m, a, 0), st.cwd), u32(a, 1)), 0)],
    [Sys.utimes, (a, m) => utimesCall(st, a, m)],
    [
      Sys.chdir,
      (a, m) => {
        const node = st.fs.lookup(path(m, a, 0), st.cwd);
        if (node.kind !== 'dir') fail(Errno.ENOTDIR, 'not a directory');
        st.cwd = node;
        return 0;
      },
    ],
    [Sys.getcwd, (a, m) => getcwdCall(st, a, m)],
  ];
}
