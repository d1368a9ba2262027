// brk, mmap, munmap, mprotect over the heap range the loader gives.
import { describe, expect, it } from 'vitest';
import { Mman, NACL_PAGE_SIZE, OpenFlag } from '../../src/zrt/abi.ts';
import { Errno } from '../../src/zrt/errno.ts';
import type { GuestMemory } from '../../src/zrt/guest-memory.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { Guest, HEAP_END, HEAP_START, MemoryChannel } from './harness.ts';

const P = NACL_PAGE_SIZE;
const RW = Mman.PROT_READ | Mman.PROT_WRITE;
const ANON = Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS;

describe('brk', () => {
  it('starts at the initial break, grows, shrinks, and refuses to leave the heap', () => {
    const g = new Guest({ heap: { start: HEAP_START, end: HEAP_END, initialBreak: HEAP_START + 100 } });
    expect(g.call(Sys.brk, 0)).toBe(HEAP_START + 100);
    expect(g.call(Sys.brk, HEAP_START + 5000)).toBe(HEAP_START + 5000);
    expect(g.call(Sys.brk, HEAP_END + 1)).toBe(HEAP_START + 5000);
    expect(g.call(Sys.brk, HEAP_START - 1)).toBe(HEAP_START + 5000);
    expect(g.call(Sys.brk, HEAP_START + 200)).toBe(HEAP_START + 200);
  });

  it('hands out zeroed memory when it grows again', () => {
    const g = new Guest();
    g.call(Sys.brk, HEAP_START + 64);
    g.mem.bytes.fill(0xaa, HEAP_START, HEAP_START + 64);
    g.call(Sys.brk, HEAP_START);
    g.call(Sys.brk, HEAP_START + 64);
    expect(g.bytes(HEAP_START, 64).every((b) => b === 0)).toBe(true);
  });
});

describe('mmap, munmap', () => {
  it('maps anonymous zeroed pages from the top of the heap, page-rounded', () => {
    const g = new Guest();
    const a = g.call(Sys.mmap, 0, 100, RW, ANON, -1, 0);
    expect(a).toBe(HEAP_END - P);
    g.mem.bytes.fill(0x55, a, a + P);
    const b = g.call(Sys.mmap, 0, P + 1, RW, ANON, -1, 0);
    expect(b).toBe(HEAP_END - 3 * P);
    expect(g.call(Sys.munmap, a, 100)).toBe(0);
    const c = g.call(Sys.mmap, 0, P, RW, ANON, -1, 0);
    expect(c).toBe(a);
    expect(g.bytes(c, P).every((x) => x === 0)).toBe(true);
  });

  it('validates arguments', () => {
    const g = new Guest();
    expect(g.call(Sys.mmap, 0, 0, RW, ANON, -1, 0)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.mmap, 0, P, 8, ANON, -1, 0)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.mmap, 0, P, RW, Mman.MAP_ANONYMOUS, -1, 0)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.mmap, 0, HEAP_END, RW, ANON, -1, 0)).toBe(-Errno.ENOMEM);
    expect(g.call(Sys.munmap, HEAP_START + 1, P)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.munmap, HEAP_END, P)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.mmap, 0, P, RW, Mman.MAP_PRIVATE, 99, g.i64(0))).toBe(-Errno.EBADF);
  });

  it('honours MAP_FIXED inside the heap and above the break only', () => {
    const g = new Guest();
    const fixed = HEAP_START + 4 * P;
    expect(g.call(Sys.mmap, fixed, P, RW, ANON | Mman.MAP_FIXED, -1, 0)).toBe(fixed);
    expect(g.call(Sys.mmap, fixed + 1, P, RW, ANON | Mman.MAP_FIXED, -1, 0)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.mmap, HEAP_END, P, RW, ANON | Mman.MAP_FIXED, -1, 0)).toBe(-Errno.EINVAL);
    // the break cannot grow into a mapping
    expect(g.call(Sys.brk, fixed + 10)).toBe(HEAP_START);
    expect(g.call(Sys.brk, fixed)).toBe(fixed);
    expect(g.call(Sys.mmap, HEAP_START, P, RW, ANON | Mman.MAP_FIXED, -1, 0)).toBe(-Errno.EINVAL);
  });

  it('maps a file by copying its bytes in, from a page-aligned offset', () => {
    const g = new Guest();
    const fd = g.call(Sys.open, g.str('/tmp/f'), OpenFlag.O_CREAT | OpenFlag.O_RDWR, 0o644);
    const content = new Uint8Array(P + 10).map((_, i) => (i * 7) & 0xff);
    g.call(Sys.write, fd, g.data(content), content.length);
    const a = g.call(Sys.mmap, 0, 2 * P, Mman.PROT_READ, Mman.MAP_PRIVATE, fd, g.i64(0));
    expect(a).toBeGreaterThan(0);
    expect(g.bytes(a, content.length)).toEqual(content);
    expect(g.bytes(a + content.length, 2 * P - content.length).every((x) => x === 0)).toBe(true);
    const b = g.call(Sys.mmap, 0, P, Mman.PROT_READ, Mman.MAP_PRIVATE, fd, g.i64(P));
    expect(g.bytes(b, 10)).toEqual(content.subarray(P));
    expect(g.call(Sys.mmap, 0, P, Mman.PROT_READ, Mman.MAP_PRIVATE, fd, g.i64(10))).toBe(-Errno.EINVAL);
    const wo = g.call(Sys.open, g.str('/tmp/f'), OpenFlag.O_WRONLY, 0);
    expect(g.call(Sys.mmap, 0, P, Mman.PROT_READ, Mman.MAP_PRIVATE, wo, g.i64(0))).toBe(-Errno.EACCES);
    const dir = g.call(Sys.open, g.str('/tmp'), OpenFlag.O_RDONLY, 0);
    expect(g.call(Sys.mmap, 0, P, Mman.PROT_READ, Mman.MAP_PRIVATE, dir, g.i64(0))).toBe(-Errno.ENODEV);
  });

  it('maps a random-read channel: what it holds past the offset, whatever length the guest asks for', () => {
    const data = new MemoryChannel('/dev/data', 1, 'channel bytes');
    let largest = 0;
    const read = data.read.bind(data);
    data.read = (buf, offset) => ((largest = Math.max(largest, buf.length)), read(buf, offset));
    const g = new Guest({ channels: [data] });
    const fd = g.call(Sys.open, g.str('/dev/data'), OpenFlag.O_RDONLY, 0);
    const a = g.call(Sys.mmap, 0, 3 * P, Mman.PROT_READ, Mman.MAP_PRIVATE, fd, g.i64(0));
    expect(new TextDecoder().decode(g.bytes(a, 13))).toBe('channel bytes');
    expect(g.bytes(a + 13, 3 * P - 13).every((x) => x === 0)).toBe(true);
    // 4 GiB - 1 asked of a 13-byte channel: no 4 GiB host buffer, just no room in the heap
    expect(g.call(Sys.mmap, 0, 0xffffffff, Mman.PROT_READ, Mman.MAP_PRIVATE, fd, g.i64(0))).toBeLessThan(0);
    expect(largest).toBe(13);
  });
});

describe('mprotect', () => {
  it('accepts mapped or below-break ranges and tells the memory', () => {
    const calls: [number, number, number][] = [];
    const g = new Guest();
    const mem: GuestMemory = {
      isMapped: (a, l, w) => g.mem.isMapped(a, l, w),
      read: (a, l) => g.mem.read(a, l),
      write: (a, b) => g.mem.write(a, b),
      zero: (a, l) => g.mem.zero(a, l),
      protect: (a, l, p) => void calls.push([a, l, p]),
    };
    const a = g.zrt.syscall(Sys.mmap, [0, 2 * P, RW, ANON, -1, 0], mem);
    expect(g.zrt.syscall(Sys.mprotect, [a, P, Mman.PROT_READ], mem)).toBe(0);
    expect(calls).toEqual([
      [a, 2 * P, RW],
      [a, P, Mman.PROT_READ],
    ]);
    expect(g.zrt.syscall(Sys.mprotect, [a + 1, P, Mman.PROT_READ], mem)).toBe(-Errno.EINVAL);
    expect(g.zrt.syscall(Sys.mprotect, [a - P, P, Mman.PROT_READ], mem)).toBe(-Errno.ENOMEM);
    g.zrt.syscall(Sys.brk, [HEAP_START + 3 * P], mem);
    expect(g.zrt.syscall(Sys.mprotect, [HEAP_START, 3 * P, Mman.PROT_NONE], mem)).toBe(0);
    expect(g.zrt.syscall(Sys.mprotect, [HEAP_START, 4 * P, Mman.PROT_NONE], mem)).toBe(-Errno.ENOMEM);
  });
});
