// Bounds-checked copies between guest memory and the runtime. Every failure is EFAULT.
import { PATH_MAX } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import type { GuestMemory } from '../guest-memory.ts';
import { decodeUtf8 } from '../../text/utf8.ts';

export function readIn(mem: GuestMemory, addr: number, len: number): Uint8Array {
  if (!mem.isMapped(addr, len, false)) fail(Errno.EFAULT, `cannot read ${len} bytes at 0x${addr.toString(16)}`);
  return len === 0 ? new Uint8Array(0) : mem.read(addr, len);
}

export function writeOut(mem: GuestMemory, addr: number, bytes: Uint8Array): void {
  if (!mem.isMapped(addr, bytes.length, true)) fail(Errno.EFAULT, `cannot write ${bytes.length} bytes at 0x${addr.toString(16)}`);
  if (bytes.length > 0) mem.write(addr, bytes);
}

export function checkWritable(mem: GuestMemory, addr: number, len: number): void {
  if (!mem.isMapped(addr, len, true)) fail(Errno.EFAULT, `cannot write ${len} bytes at 0x${addr.toString(16)}`);
}

/** A NUL-terminated path of at most PATH_MAX bytes, NUL included. */
export function readPath(mem: GuestMemory, addr: number): string {
  const bytes: number[] = [];
  let chunk = 256;
  for (let pos = addr; bytes.length < PATH_MAX; ) {
    const want = Math.min(chunk, PATH_MAX - bytes.length);
    if (!mem.isMapped(pos, want, false)) {
      if (chunk === 1) fail(Errno.EFAULT, `path at 0x${addr.toString(16)} runs into unmapped memory`);
      chunk = 1; // near the end of a region: go byte by byte
      continue;
    }
    const part = mem.read(pos, want);
    const nul = part.indexOf(0);
    if (nul >= 0) {
      for (let i = 0; i < nul; i++) bytes.push(part[i]!);
      return decodeUtf8(Uint8Array.from(bytes));
    }
    for (const b of part) bytes.push(b);
    pos += want;
  }
  fail(Errno.ENAMETOOLONG, 'path longer than PATH_MAX');
}

export function readI64(mem: GuestMemory, addr: number): number {
  const b = readIn(mem, addr, 8);
  const v = new DataView(b.buffer, b.byteOffset, 8).getBigInt64(0, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < BigInt(Number.MIN_SAFE_INTEGER)) fail(Errno.EOVERFLOW, 'offset out of range');
  return Number(v);
}

export function i64Bytes(value: number): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, BigInt(value), true);
  return b;
}

export function i32Bytes(value: number): Uint8Array {
  const b = new Uint8Array(4);
  new DataView(b.buffer).setInt32(0, value, true);
  return b;
}
