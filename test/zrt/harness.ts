// Test harness: a small guest address space, scratch allocation for arguments, fake channels.
import { StatLayout } from '../../src/zrt/abi.ts';
import { FlatGuestMemory } from '../../src/zrt/guest-memory.ts';
import { Zrt, type ZrtOptions } from '../../src/zrt/runtime.ts';
import type { ChannelView } from '../../src/zrt/fs/devices.ts';

export const MEM_SIZE = 4 << 20;
export const HEAP_START = 2 << 20;
export const HEAP_END = MEM_SIZE;
/** Scratch area for strings and buffers passed to calls. */
const SCRATCH = 0x10000;
/** Addresses below this are the unmapped null guard. */
export const GUARD = 0x1000;

export class Guest {
  readonly mem = new FlatGuestMemory(MEM_SIZE, [{ start: GUARD, end: MEM_SIZE, writable: true }]);
  readonly zrt: Zrt;
  private next = SCRATCH;

  constructor(options: Partial<ZrtOptions> = {}) {
    this.zrt = new Zrt({ heap: { start: HEAP_START, end: HEAP_END }, ...options });
  }

  call(n: number, ...args: number[]): number {
    return this.zrt.syscall(n, args, this.mem);
  }

  alloc(size: number): number {
    const addr = this.next;
    this.next = Math.ceil((this.next + size) / 16) * 16;
    if (this.next > HEAP_START) throw new Error('scratch exhausted');
    return addr;
  }

  str(s: string): number {
    const b = new TextEncoder().encode(s + '\0');
    const a = this.alloc(b.length);
    this.mem.write(a, b);
    return a;
  }

  data(bytes: Uint8Array | string): number {
    const b = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const a = this.alloc(Math.max(1, b.length));
    this.mem.write(a, b);
    return a;
  }

  i64(value: number | bigint): number {
    const a = this.alloc(8);
    new DataView(this.mem.bytes.buffer).setBigInt64(a, BigInt(value), true);
    return a;
  }

  readI64(addr: number): number {
    return Number(new DataView(this.mem.bytes.buffer).getBigInt64(addr, true));
  }

  view(): DataView {
    return new DataView(this.mem.bytes.buffer);
  }

  bytes(addr: number, n: number): Uint8Array {
    return this.mem.bytes.slice(addr, addr + n);
  }

  /** The fields of a struct stat the guest got at `buf`. */
  statAt(buf: number) {
    const v = this.view();
    const i64 = (field: number): number => Number(v.getBigInt64(buf + field, true));
    return {
      ino: Number(v.getBigUint64(buf + StatLayout.ino, true)),
      mode: v.getUint32(buf + StatLayout.mode, true),
      nlink: v.getUint32(buf + StatLayout.nlink, true),
      size: i64(StatLayout.size),
      atime: i64(StatLayout.atime),
      atimensec: i64(StatLayout.atimensec),
      mtime: i64(StatLayout.mtime),
      mtimensec: i64(StatLayout.mtimensec),
    };
  }

  text(addr: number, n: number): string {
    return new TextDecoder().decode(this.bytes(addr, n));
  }
}

/** A channel over bytes in memory: sequential ones keep their own cursors, random ones honour offsets. */
export class MemoryChannel implements ChannelView {
  content: Uint8Array;
  private getCursor = 0;
  private putCursor: number;
  reads = 0;

  constructor(
    readonly alias: string,
    readonly type: number,
    initial: Uint8Array | string = new Uint8Array(0),
    readonly readable = true,
    readonly writable = true,
  ) {
    this.content = typeof initial === 'string' ? new TextEncoder().encode(initial) : initial.slice();
    this.putCursor = this.content.length; // sequential writes append
  }

  get size(): number {
    return this.type === 0 ? 0 : this.content.length;
  }

  read(buf: Uint8Array, offset: number): number {
    this.reads++;
    const randomGet = this.type === 1 || this.type === 3;
    const pos = randomGet ? offset : this.getCursor;
    const chunk = this.content.subarray(pos, pos + buf.length);
    buf.set(chunk);
    if (!randomGet) this.getCursor += chunk.length;
    return chunk.length;
  }

  write(bytes: Uint8Array, offset: number): number {
    const randomPut = this.type === 2 || this.type === 3;
    const pos = randomPut ? offset : this.putCursor;
    const end = pos + bytes.length;
    if (end > this.content.length) {
      const grown = new Uint8Array(end);
      grown.set(this.content);
      this.content = grown;
    }
    this.content.set(bytes, pos);
    if (!randomPut) this.putCursor = end;
    return bytes.length;
  }

  get textContent(): string {
    return new TextDecoder().decode(this.content);
  }
}

export function stdChannels(stdin = ''): MemoryChannel[] {
  return [
    new MemoryChannel('/dev/stdin', 0, stdin, true, false),
    new MemoryChannel('/dev/stdout', 0, '', false, true),
    new MemoryChannel('/dev/stderr', 0, '', false, true),
  ];
}
