// brk, mmap (anonymous, and file-backed by copying the file in), munmap, mprotect: all inside the heap.
import { Mman, NACL_PAGE_SIZE } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import type { GuestMemory } from '../guest-memory.ts';
import { readI64 } from './guest-io.ts';
import { Sys } from './numbers.ts';
import { type SyscallHandler, type ZrtState, int, u32 } from './state.ts';

function roundUp(len: number): number {
  return Math.ceil(len / NACL_PAGE_SIZE) * NACL_PAGE_SIZE;
}

function mmapCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const start = u32(args, 0);
  const len = u32(args, 1);
  const prot = int(args, 2);
  const flags = int(args, 3);
  const fd = int(args, 4);
  if (len === 0 || prot & ~Mman.PROT_MASK) fail(Errno.EINVAL, 'bad length or protection');
  const sharing = flags & Mman.MAP_SHARING_MASK;
  if (sharing !== Mman.MAP_SHARED && sharing !== Mman.MAP_PRIVATE) fail(Errno.EINVAL, 'need MAP_SHARED or MAP_PRIVATE');
  const anonymous = (flags & Mman.MAP_ANONYMOUS) !== 0;
  let content: Uint8Array | undefined;
  if (!anonymous) {
    const offset = readI64(mem, u32(args, 5));
    if (offset < 0 || offset % NACL_PAGE_SIZE !== 0) fail(Errno.EINVAL, 'offset not page aligned');
    const of = st.fds.get(fd);
    if (!of.readable) fail(Errno.EACCES, 'not open for reading');
    const node = of.inode;
    if (node.kind === 'file') content = st.fs.readFile(node, offset, len);
    else if (node.kind === 'device' && node.device.randomRead) {
      // No bigger than what the device holds past `offset`: len is the guest's, up to 4 GiB.
      const tmp = new Uint8Array(Math.max(0, Math.min(len, node.device.size() - offset)));
      const n = node.device.read(tmp, offset);
      if (n < 0) return n;
      content = tmp.subarray(0, n);
    } else fail(Errno.ENODEV, 'cannot map this file type');
  }
  const addr = st.heap.mmap(len, flags & Mman.MAP_FIXED ? start : undefined);
  if (addr < 0) return addr;
  const size = roundUp(len);
  if (!mem.isMapped(addr, size, true)) {
    st.heap.munmap(addr, size);
    fail(Errno.ENOMEM, 'heap page not backed by guest memory');
  }
  mem.zero(addr, size);
  if (content && content.length > 0) mem.write(addr, content);
  mem.protect?.(addr, size, prot);
  return addr;
}

function mprotectCall(st: ZrtState, args: readonly number[], mem: GuestMemory): number {
  const addr = u32(args, 0);
  const len = u32(args, 1);
  const prot = int(args, 2);
  if (addr % NACL_PAGE_SIZE !== 0 || prot & ~Mman.PROT_MASK) fail(Errno.EINVAL, 'unaligned address or bad protection');
  if (len === 0) return 0;
  if (!st.heap.isAllocated(addr, roundUp(len))) fail(Errno.ENOMEM, 'range not mapped');
  mem.protect?.(addr, roundUp(len), prot);
  return 0;
}

export function memoryCalls(st: ZrtState): [number, SyscallHandler][] {
  return [
    [
      Sys.brk,
      (a, m) => {
        const old = st.heap.break;
        const now = st.heap.brk(u32(a, 0));
        if (now > old && m.isMapped(old, now - old, true)) m.zero(old, now - old); // fresh memory reads as zero
        return now;
      },
    ],
    [Sys.mmap, (a, m) => mmapCall(st, a, m)],
    [Sys.munmap, (a) => st.heap.munmap(u32(a, 0), u32(a, 1))],
    [Sys.mprotect, (a, m) => mprotectCall(st, a, m)],
  ];
}
