// Encoders for the NaCl ABI structures the calls write out.
import { DirentLayout, StatLayout, TimespecLayout, TimevalLayout } from '../abi.ts';
import type { Timestamp } from '../clock.ts';
import type { Inode } from '../fs/inode.ts';
import { encodeUtf8 } from '../../text/utf8.ts';

/** st_dev of the memory tree and of /dev entries. */
const DEV_MEMFS = 1;
const BLKSIZE = 4096;

export function inodeSize(node: Inode): number {
  switch (node.kind) {
    case 'file':
      return node.size;
    case 'dir':
      return BLKSIZE;
    case 'symlink':
      return encodeUtf8(node.target).length;
    case 'device':
      return node.device.size();
  }
}

export function encodeStat(node: Inode): Uint8Array {
  const b = new Uint8Array(StatLayout.SIZE);
  const v = new DataView(b.buffer);
  const size = inodeSize(node);
  v.setBigInt64(StatLayout.dev, BigInt(DEV_MEMFS), true);
  v.setBigUint64(StatLayout.ino, BigInt(node.ino), true);
  v.setUint32(StatLayout.mode, node.mode, true);
  v.setUint32(StatLayout.nlink, node.kind === 'device' ? 1 : node.nlink, true);
  v.setUint32(StatLayout.uid, node.uid, true);
  v.setUint32(StatLayout.gid, node.gid, true);
  v.setBigInt64(StatLayout.rdev, 0n, true);
  v.setBigInt64(StatLayout.size, BigInt(size), true);
  v.setInt32(StatLayout.blksize, BLKSIZE, true);
  v.setInt32(StatLayout.blocks, Math.min(0x7fffffff, Math.ceil(size / 512)), true);
  const times: [number, number, Timestamp][] = [
    [StatLayout.atime, StatLayout.atimensec, node.atime],
    [StatLayout.mtime, StatLayout.mtimensec, node.mtime],
    [StatLayout.ctime, StatLayout.ctimensec, node.ctime],
  ];
  for (const [s, ns, t] of times) {
    v.setBigInt64(s, BigInt(t.sec), true);
    v.setBigInt64(ns, BigInt(t.nsec), true);
  }
  return b;
}

export function encodeTimeval(t: Timestamp): Uint8Array {
  const b = new Uint8Array(TimevalLayout.SIZE);
  const v = new DataView(b.buffer);
  v.setBigInt64(TimevalLayout.sec, BigInt(t.sec), true);
  v.setInt32(TimevalLayout.usec, Math.floor(t.nsec / 1000), true);
  return b;
}

export function encodeTimespec(t: Timestamp): Uint8Array {
  const b = new Uint8Array(TimespecLayout.SIZE);
  const v = new DataView(b.buffer);
  v.setBigInt64(TimespecLayout.sec, BigInt(t.sec), true);
  v.setInt32(TimespecLayout.nsec, t.nsec, true);
  return b;
}

/** Seconds and the 32-bit sub-second field of a timeval/timespec (16 bytes). */
export function decodeTimePair(b: Uint8Array, at = 0): { sec: number; frac: number } {
  const v = new DataView(b.buffer, b.byteOffset + at, 16);
  const sec = v.getBigInt64(0, true);
  const clamped = sec > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : sec < BigInt(Number.MIN_SAFE_INTEGER) ? Number.MIN_SAFE_INTEGER : Number(sec);
  return { sec: clamped, frac: v.getInt32(8, true) };
}

/** One nacl_abi_dirent record: header, name, NUL, padded to 8 bytes. */
export function encodeDirent(ino: number, nextOffset: number, name: string): Uint8Array {
  const nameBytes = encodeUtf8(name);
  const reclen = Math.ceil((DirentLayout.name + nameBytes.length + 1) / 8) * 8;
  const b = new Uint8Array(reclen);
  const v = new DataView(b.buffer);
  v.setBigUint64(DirentLayout.ino, BigInt(ino), true);
  v.setBigInt64(DirentLayout.off, BigInt(nextOffset), true);
  v.setUint16(DirentLayout.reclen, reclen, true);
  b.set(nameBytes, DirentLayout.name);
  return b;
}
