// Channel state rules as properties, and the in-process pipe.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel, quotas } from '../../src/channels/channel.ts';
import { MemoryFile } from '../../src/channels/memory-file.ts';
import { createPipe } from '../../src/channels/pipe.ts';

const EDQUOT = -122;

describe('Channel properties', () => {
  it('sequential reads return the file in order, never more than get_size bytes or gets calls', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(20), fc.nat(400), fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 40 }), (data, gets, getSize, sizes) => {
        const c = new Channel(new MemoryFile(data), { alias: 'in', type: 0, limits: quotas({ gets, getSize, puts: 0, putSize: 0 }) });
        const got: number[] = [];
        for (const size of sizes) {
          const r = c.read(size, 12345);
          if (r instanceof Promise) throw new Error('memory files answer at once');
          if (typeof r === 'number') expect([0, EDQUOT]).toContain(r);
          else got.push(...r);
        }
        expect(Uint8Array.from(got)).toEqual(data.subarray(0, got.length));
        expect(got.length).toBeLessThanOrEqual(getSize);
        expect(c.counters.gets).toBeLessThanOrEqual(gets);
        expect(c.counters.getSize).toBe(got.length);
        // With quotas to spare and enough asked for, everything is read.
        if (gets > sizes.length && getSize > data.length && sizes.reduce((a, b) => a + b, 0) >= data.length) {
          expect(got.length).toBe(data.length);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('random writes land where asked, as a model array says, within the put limits', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), fc.nat(200), fc.array(fc.tuple(fc.nat(250), fc.uint8Array({ minLength: 1, maxLength: 30 })), { maxLength: 20 }), (initial, putSize, writes) => {
        const dev = new MemoryFile(initial);
        const c = new Channel(dev, { alias: 'db', type: 3, limits: quotas({ gets: 0, getSize: 0, puts: 1000, putSize }) });
        const model = Array.from(initial);
        let written = 0;
        for (const [offset, bytes] of writes) {
          const r = c.write(bytes.length, offset, (n) => bytes.subarray(0, n));
          if (r instanceof Promise) throw new Error('memory files answer at once');
          if (r < 0) continue;
          for (let i = 0; i < r; i++) model[offset + i] = bytes[i]!;
          for (let i = 0; i < model.length; i++) model[i] ??= 0;
          written += r;
        }
        expect(Array.from(dev.bytes())).toEqual(model);
        expect(written).toBeLessThanOrEqual(putSize);
        expect(c.size).toBe(model.length);
      }),
      { numRuns: 400 },
    );
  });
});

describe('createPipe', () => {
  it('blocks a writer at capacity until the reader drains it', async () => {
    const { reader, writer } = createPipe(4);
    expect(writer.write(Uint8Array.of(1, 2))).toBe(2);
    const blocked = writer.write(Uint8Array.of(3, 4, 5));
    expect(blocked).toBeInstanceOf(Promise);
    const buf = new Uint8Array(3);
    expect(reader.read(buf)).toBe(3);
    expect(await blocked).toBe(3);
    expect(reader.read(buf)).toBe(2);
    expect(Array.from(buf.subarray(0, 2))).toEqual([4, 5]);
  });

  it('ends with 0 after the writer closes, and fails writes once the reader is gone', async () => {
    const { reader, writer } = createPipe();
    const waiting = reader.read(new Uint8Array(8));
    writer.close();
    expect(await waiting).toBe(0);
    const other = createPipe();
    other.reader.close();
    expect(() => other.writer.write(Uint8Array.of(1))).toThrow(/EPIPE/);
  });
});
