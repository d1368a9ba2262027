// The user manifest block, read back the way a ZeroVM program reads it (api/zvm.h layout).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildUserManifest, type UserChannelRecord } from '../../src/runtime/user-manifest.ts';

const limits = (g: number, gs: number, p: number, ps: number) => ({ gets: BigInt(g), getSize: BigInt(gs), puts: BigInt(p), putSize: BigInt(ps) });
const STD: UserChannelRecord[] = [
  { alias: '/dev/stdin', type: 0, limits: limits(1, 2, 0, 0), size: 77 },
  { alias: '/dev/stdout', type: 0, limits: limits(0, 0, 3, 4), size: 0 },
  { alias: '/dev/stderr', type: 3, limits: limits(5, 6, 7, (1 << 30) * 4), size: 1234 },
];

/** Reads guest memory [start, 4 GiB - 16 MiB) as the program would. */
function reader(start: number, bytes: Uint8Array) {
  const view = new DataView(bytes.buffer);
  const u32 = (addr: number) => view.getUint32(addr - start, true);
  const i64 = (addr: number) => view.getBigInt64(addr - start, true);
  const cstring = (addr: number) => {
    let end = addr - start;
    while (bytes[end] !== 0) end++;
    return new TextDecoder().decode(bytes.subarray(addr - start, end));
  };
  return { u32, i64, cstring };
}

describe('buildUserManifest', () => {
  it('places the pointer at 0xFEFFFFFC and the structures just below it', () => {
    const r = buildUserManifest({ channels: STD, memory: 0x1_0000_0000, breakAddress: 0x50000 });
    if (!r.ok) throw new Error(r.problem);
    const b = r.block;
    expect(b.pointerAddress).toBe(0xfefffffc);
    expect(b.manifestAddress).toBe(0xff000000 - (3 * 48 + 20 + 4));
    expect(b.channelsAddress).toBe(b.manifestAddress + 20);
    expect(b.start + b.bytes.length).toBe(0xff000000);
    const m = reader(b.start, b.bytes);
    expect(m.u32(0xfefffffc)).toBe(b.manifestAddress);
    const mft = m.u32(0xfefffffc);
    expect([m.u32(mft), m.u32(mft + 8), m.u32(mft + 12), m.u32(mft + 16)]).toEqual([0x50000, 0x100_0000, 3, b.channelsAddress]);
    const channels = [0, 1, 2].map((i) => {
      const at = m.u32(mft + 16) + i * 48;
      return { alias: m.cstring(m.u32(at + 44)), limits: [m.i64(at), m.i64(at + 8), m.i64(at + 16), m.i64(at + 24)], size: m.i64(at + 32), type: m.u32(at + 40) };
    });
    expect(channels).toEqual([
      { alias: '/dev/stdin', limits: [1n, 2n, 0n, 0n], size: 0n, type: 0 }, // size is 0 for type 0
      { alias: '/dev/stdout', limits: [0n, 0n, 3n, 4n], size: 0n, type: 0 },
      { alias: '/dev/stderr', limits: [5n, 6n, 7n, 1n << 32n], size: 1234n, type: 3 },
    ]);
    // Aliases run downward from the manifest in handle order.
    expect(b.aliasAddresses).toEqual([b.manifestAddress - 11, b.manifestAddress - 11 - 12, b.manifestAddress - 11 - 12 - 12]);
    expect(b.readOnlyStart).toBe(0xfeff0000);
    // Memory 4 GiB: heap_end = 4 GiB - 16 MiB, cut at the SysData page.
    expect(b.heapEnd).toBe(0xff000000);
    expect(m.u32(mft + 4)).toBe(0xfeff0000 - 0x50000);
  });

  it('ends the heap at the Memory budget when that is lower', () => {
    const r = buildUserManifest({ channels: STD, memory: 33554432, breakAddress: 0x41234 });
    if (!r.ok) throw new Error(r.problem);
    expect(r.block.heapEnd).toBe(0x1000000);
    expect(r.block.heapSize).toBe(0x1000000 - 0x41234);
  });

  it('refuses a heap of 8 MiB or less with ENOMEM', () => {
    expect(buildUserManifest({ channels: STD, memory: 0x1800000, breakAddress: 0x40000 })).toMatchObject({ ok: false, errno: 12 });
    // Exactly 8 MiB of heap is refused, one page more is enough.
    expect(buildUserManifest({ channels: STD, memory: 0x1810000, breakAddress: 0x10000 }).ok).toBe(false);
    expect(buildUserManifest({ channels: STD, memory: 0x1820000, breakAddress: 0x10000 }).ok).toBe(true);
  });

  it('round-trips any channel table', () => {
    const record = fc.record({
      alias: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes('\0')),
      type: fc.integer({ min: 0, max: 3 }),
      limits: fc.record({ gets: fc.bigInt({ min: 0n, max: (1n << 63n) - 1n }), getSize: fc.bigInt({ min: 0n, max: 1n << 40n }), puts: fc.bigInt({ min: 0n, max: 9n }), putSize: fc.bigInt({ min: 0n, max: 9n }) }),
      size: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(record, { minLength: 3, maxLength: 30 }), (channels) => {
        const r = buildUserManifest({ channels, memory: 0x1_0000_0000, breakAddress: 0x60000 });
        if (!r.ok) throw new Error(r.problem);
        const m = reader(r.block.start, r.block.bytes);
        const mft = m.u32(0xfefffffc);
        expect(m.u32(mft + 12)).toBe(channels.length);
        channels.forEach((c, i) => {
          const at = m.u32(mft + 16) + i * 48;
          expect(m.cstring(m.u32(at + 44))).toBe(new TextDecoder().decode(new TextEncoder().encode(c.alias)));
          expect(m.i64(at)).toBe(c.limits.gets);
          expect(m.i64(at + 32)).toBe(c.type === 0 ? 0n : BigInt(c.size));
        });
        expect(r.block.readOnlyStart % 0x10000).toBe(0);
        expect(r.block.readOnlyStart).toBeLessThanOrEqual(r.block.start);
      }),
      { numRuns: 200 },
    );
  });
});
