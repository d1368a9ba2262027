// The ZeroVM trap over an in-memory guest: every argument check, quota rule and function id.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MemoryFile } from '../../src/channels/memory-file.ts';
import { NullDevice } from '../../src/channels/null-device.ts';
import { createPipe } from '../../src/channels/pipe.ts';
import { TrapId } from '../../src/runtime/trap-ids.ts';
import { ARGS, BUF, HEAP, bytesOf, channel, guest } from './trap-helpers.ts';

const { Read, Write, Jail, Unjail, Exit, Fork } = TrapId;
const EPERM = -1, EFAULT = -14, EINVAL = -22, EACCES = -13, ENOSYS = -38, EDQUOT = -122;
const file = (text: string): MemoryFile => new MemoryFile(bytesOf(text));
const guestBytes = (g: ReturnType<typeof guest>, at: number, n: number): string => new TextDecoder().decode(g.memory.read(at, n));

describe('trap: argument checks (in ZeroVM order)', () => {
  const g = guest([channel(file('0123456789'), 0, [100, 100, 100, 100])]);

  it('refuses a bad handle with -EINVAL, cutting the handle to int32', () => {
    expect(g.call(Read, 1, BUF, 4, 0)).toBe(EINVAL);
    expect(g.call(Read, -1, BUF, 4, 0)).toBe(EINVAL);
    expect(g.call(Write, 7, BUF, 4, 0)).toBe(EINVAL);
    expect(g.call(Read, 0x1_0000_0000n, BUF, 4, 0)).toBe(4); // (int) of 2^32 is handle 0
  });

  it('checks the handle before the size, the size before the offset, the offset before size 0', () => {
    expect(g.call(Read, 5, BUF, -1, -1)).toBe(EINVAL);
    expect(g.call(Read, 0, BUF, -1, -1)).toBe(EFAULT);
    expect(g.call(Read, 0, BUF, 0x8000_0000, 0)).toBe(EFAULT); // (int32_t) size
    expect(g.call(Read, 0, BUF, 0, -1)).toBe(EINVAL);
    expect(g.call(Write, 0, BUF, 4, -1n)).toBe(EINVAL);
    expect(g.call(Read, 0, 0, 0, 0)).toBe(0); // size 0: no buffer check
  });

  it('refuses buffers outside mapped memory, or not writable for a read', () => {
    expect(g.call(Read, 0, 0x8000, 4, 0)).toBe(EINVAL); // below the mapping
    expect(g.call(Read, 0, 0x4fffe, 4, 0)).toBe(EINVAL); // runs off the end
    expect(g.call(Read, 0, 0x1_0002_0000n, 4, 0)).toBe(EINVAL); // above 4 GiB
    g.memory.protect(HEAP, 0x10000, 'r');
    expect(g.call(Read, 0, HEAP, 4, 0)).toBe(EINVAL);
    expect(g.call(Write, 0, HEAP, 4, 0)).toBe(4); // read-only memory is fine to write from
    g.memory.protect(HEAP, 0x10000, 'rw');
  });

  it('answers -EFAULT when the argument array is not readable', () => {
    const h = guest([]);
    h.memory.protect(ARGS, 0x10000, 'none');
    expect(h.call(Read, 0, BUF, 1, 0)).toBe(EFAULT);
  });
});

describe('trap: reads', () => {
  it('reads sequentially, ignoring the user offset, and ends with 0 then stays at EOF', () => {
    const g = guest([channel(file('hello world'), 0, [100, 100, 0, 0])]);
    expect(g.call(Read, 0, BUF, 5, 999)).toBe(5);
    expect(guestBytes(g, BUF, 5)).toBe('hello');
    expect(g.call(Read, 0, BUF, 100, 0)).toBe(6);
    expect(guestBytes(g, BUF, 6)).toBe(' world');
    expect(g.call(Read, 0, BUF, 100, 0)).toBe(0);
    expect(g.channels[0]!.eof).toBe(true);
    expect(g.call(Read, 0, BUF, 100, 0)).toBe(0);
    expect(g.channels[0]!.counters).toEqual({ gets: 3, getSize: 11, puts: 0, putSize: 0 });
  });

  it('counts end of data against the byte quota (-EDQUOT instead of 0)', () => {
    const g = guest([channel(file('0123456789'), 0, [100, 10, 0, 0])]);
    expect(g.call(Read, 0, BUF, 10, 0)).toBe(10);
    expect(g.call(Read, 0, BUF, 10, 0)).toBe(EDQUOT);
  });

  it('truncates to the bytes left, then -EDQUOT; the call quota gives -EDQUOT', () => {
    const g = guest([channel(file('0123456789'), 0, [100, 4, 0, 0]), channel(file('abc'), 0, [2, 100, 0, 0])]);
    expect(g.call(Read, 0, BUF, 10, 0)).toBe(4);
    expect(g.call(Read, 0, BUF, 10, 0)).toBe(EDQUOT);
    expect(g.call(Read, 1, BUF, 1, 0)).toBe(1);
    expect(g.call(Read, 1, BUF, 1, 0)).toBe(1);
    expect(g.call(Read, 1, BUF, 1, 0)).toBe(EDQUOT);
  });

  it('gives -EDQUOT when reading a write-only channel (direction comes from the limits)', () => {
    const g = guest([channel(file('abc'), 0, [0, 0, 10, 10]), channel(file('abc'), 1, [5, 0, 0, 0])]);
    expect(g.call(Read, 0, BUF, 1, 0)).toBe(EDQUOT);
    expect(g.call(Read, 1, BUF, 1, 0)).toBe(EDQUOT);
  });

  it('reads at the offset on random channels, clipped to the size; past the end is -EDQUOT', () => {
    const g = guest([channel(file('0123456789'), 1, [100, 100, 0, 0])]);
    expect(g.call(Read, 0, BUF, 4, 3)).toBe(4);
    expect(guestBytes(g, BUF, 4)).toBe('3456');
    expect(g.call(Read, 0, BUF, 100, 8)).toBe(2);
    expect(g.call(Read, 0, BUF, 5, 10)).toBe(0); // at the end: 0, and the call is not counted
    expect(g.channels[0]!.counters.gets).toBe(2);
    expect(g.call(Read, 0, BUF, 5, 11)).toBe(EDQUOT); // ZeroVM's negative size meets the quota test
    expect(g.channels[0]!.eof).toBe(false); // random reads never set EOF
  });

  it('waits on an empty pipe and resumes when the producer writes', async () => {
    const pipe = createPipe();
    const consumer = guest([channel(pipe.reader, 0, [10, 100, 0, 0])]);
    const producer = guest([channel(pipe.writer, 0, [0, 0, 10, 100])]);
    const pending = consumer.call(Read, 0, BUF, 50, 0);
    expect(pending).toBeInstanceOf(Promise);
    producer.memory.write(BUF, bytesOf('ping'));
    expect(producer.call(Write, 0, BUF, 4, 0)).toBe(4);
    expect(await pending).toBe(4);
    expect(guestBytes(consumer, BUF, 4)).toBe('ping');
    const end = consumer.call(Read, 0, BUF, 50, 0);
    await producer.channels[0]!.close();
    expect(await end).toBe(0);
    expect(consumer.channels[0]!.eof).toBe(true);
  });
});

describe('trap: writes', () => {
  it('appends sequentially, ignoring the offset, and grows the size', () => {
    const sink = new MemoryFile();
    const g = guest([channel(sink, 0, [0, 0, 10, 100])]);
    g.memory.write(BUF, bytesOf('abcdef'));
    expect(g.call(Write, 0, BUF, 3, 50)).toBe(3);
    expect(g.call(Write, 0, BUF + 3, 3, 0)).toBe(3);
    expect(new TextDecoder().decode(sink.bytes())).toBe('abcdef');
    expect(g.channels[0]!).toMatchObject({ size: 6, putPosition: 6, getPosition: 6 });
  });

  it('truncates to put_size; once used up a sequential write gives -EINVAL (offset check comes first)', () => {
    const sink = new MemoryFile();
    const g = guest([channel(sink, 0, [0, 0, 10, 4])]);
    g.memory.write(BUF, bytesOf('abcdef'));
    expect(g.call(Write, 0, BUF, 6, 0)).toBe(4);
    expect(g.call(Write, 0, BUF, 6, 0)).toBe(EINVAL);
    expect(new TextDecoder().decode(sink.bytes())).toBe('abcd');
  });

  it('gives -EDQUOT when the call quota is used up, and on a read-only channel', () => {
    const g = guest([channel(new MemoryFile(), 0, [0, 0, 1, 100]), channel(file('x'), 0, [1, 1, 0, 0])]);
    expect(g.call(Write, 0, BUF, 1, 0)).toBe(1);
    expect(g.call(Write, 0, BUF, 1, 0)).toBe(EDQUOT);
    expect(g.call(Write, 1, BUF, 1, 0)).toBe(EDQUOT);
  });

  it('writes at the offset on random channels within size + bytes left and below put_size', () => {
    const dev = file('0123456789');
    const g = guest([channel(dev, 3, [10, 100, 10, 6])]);
    g.memory.write(BUF, bytesOf('XY'));
    expect(g.call(Write, 0, BUF, 2, 4)).toBe(2);
    expect(new TextDecoder().decode(dev.bytes())).toBe('0123XY6789');
    expect(g.call(Write, 0, BUF, 2, 6)).toBe(EINVAL); // offset >= put_size
    expect(g.channels[0]!.size).toBe(10);
    expect(g.call(Write, 0, BUF, 2, 0)).toBe(2);
    expect(g.call(Write, 0, BUF, 2, 2)).toBe(2);
    expect(g.call(Write, 0, BUF, 2, 2)).toBe(EDQUOT); // nothing left, offset inside the file
  });

  it('refuses a random write beyond size + what is left of put_size', () => {
    const g = guest([channel(file('abc'), 2, [0, 0, 10, 100])]);
    expect(g.call(Write, 0, BUF, 1, 103)).toBe(EINVAL);
    expect(g.call(Write, 0, BUF, 1, 50)).toBe(1); // a hole is fine below the limit
    expect(g.channels[0]!.size).toBe(51);
  });

  it('keeps an etag of every byte that passed, both ways (SHA-1, as node:crypto computes it)', () => {
    const g = guest([channel(file('some input bytes'), 0, [10, 100, 0, 0], { etag: true }), channel(new NullDevice(), 0, [0, 0, 10, 100], { etag: true })]);
    g.call(Read, 0, BUF, 4, 0);
    g.call(Read, 0, BUF, 100, 0);
    g.memory.write(BUF, bytesOf('out!'));
    g.call(Write, 1, BUF, 4, 0);
    expect(g.channels[0]!.etag()).toBe(createHash('sha1').update('some input bytes').digest('hex'));
    expect(g.channels[1]!.etag()).toBe(createHash('sha1').update('out!').digest('hex'));
  });
});

describe('trap: Jail, Unjail, Exit, Fork and unknown ids', () => {
  const calls: string[] = [];
  const jail = {
    heapStart: HEAP,
    heapEnd: HEAP + 0x20000,
    validate: (addr: number, code: Uint8Array) => (calls.push(`validate ${addr.toString(16)} ${code.length}`), code[0] !== 0xcc),
    protect: (addr: number, size: number, to: 'rx' | 'rw') => (calls.push(`${to} ${addr.toString(16)} ${size}`), true),
  };

  it('validates then protects a 64 KiB-aligned heap block', () => {
    const g = guest([], jail);
    calls.length = 0;
    expect(g.call(Jail, HEAP, 0x100)).toBe(0);
    expect(g.call(Unjail, HEAP, 0x100)).toBe(0);
    expect(calls).toEqual(['validate 30000 256', 'rx 30000 256', 'rw 30000 256']);
    g.memory.write(HEAP, Uint8Array.of(0xcc));
    expect(g.call(Jail, HEAP, 0x100)).toBe(EPERM);
  });

  it('refuses size <= 0, blocks outside the heap, unaligned blocks with -EINVAL', () => {
    const g = guest([], jail);
    expect(g.call(Jail, HEAP, 0)).toBe(EINVAL);
    expect(g.call(Jail, HEAP, -5)).toBe(EINVAL);
    expect(g.call(Jail, HEAP - 0x10000, 0x100)).toBe(EINVAL);
    expect(g.call(Jail, HEAP + 0x20000, 0x100)).toBe(EINVAL);
    expect(g.call(Jail, HEAP + 0x100, 0x100)).toBe(EINVAL);
    expect(g.call(Unjail, HEAP + 0x100, 0x100)).toBe(EINVAL);
  });

  it('answers -EACCES without jail support or when protection fails', () => {
    expect(guest([]).call(Jail, HEAP, 0x100)).toBe(EACCES);
    expect(guest([], { ...jail, protect: () => false }).call(Unjail, HEAP, 0x100)).toBe(EACCES);
  });

  it('ends the session on Exit with the int32 code, refuses Fork and unknown ids', () => {
    const g = guest([]);
    expect(g.call(Exit, 42)).toEqual({ exit: 42 });
    expect(g.call(Exit, 0x1_ffff_ffffn)).toEqual({ exit: -1 });
    expect(g.call(Fork)).toBe(ENOSYS);
    expect(g.call(0x12345678)).toBe(EPERM);
    expect(g.call(BigInt(Read) | (1n << 32n), 0, BUF, 1, 0)).toBe(EPERM); // the id is a full uint64
  });
});
