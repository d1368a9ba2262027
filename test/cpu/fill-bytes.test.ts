// SandboxMemory.fillBytes (a short fill doubled by copyWithin in shared sandboxes) must set exactly
// [start, end) to the value, whatever the length, and touch nothing around it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SandboxMemory } from '../../src/cpu/memory.ts';
import { defaultSandboxPool } from '../../src/session/index.ts';

describe('SandboxMemory.fillBytes', () => {
  // A pooled sandbox: no new 4 GiB buffer for this test file.
  const mem: SandboxMemory = defaultSandboxPool.acquire();

  it('sets exactly the range, for short and long runs', () => {
    expect(mem.buffer).toBeInstanceOf(SharedArrayBuffer); // the doubling path is the one under test
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 1 << 20 }), fc.integer({ min: 0, max: 300_000 }), fc.integer({ min: 0, max: 255 }),
        fc.integer({ min: 0, max: 255 }), (start, length, value, background) => {
          const lo = start - 64, hi = start + length + 64;
          mem.u8.fill(background, lo, hi);
          mem.fillBytes(value, start, start + length);
          for (let a = lo; a < hi; a++) {
            const want = a >= start && a < start + length ? value : background;
            if (mem.u8[a] !== want) return false;
          }
          return true;
        }),
      { numRuns: 150 },
    );
    mem.u8.fill(0, 0, (1 << 20) + 300_200);
  });

  it('fills a whole 64 KiB page and a run across pages', () => {
    mem.fillBytes(0xf4, 0x10000, 0x20000);
    expect(mem.u8.subarray(0x10000, 0x20000).every((b) => b === 0xf4)).toBe(true);
    expect([mem.u8[0xffff], mem.u8[0x20000]]).toEqual([0, 0]);
    mem.fillBytes(0, 0x10000, 0x20000);
    expect(mem.u8.subarray(0xff00, 0x20100).every((b) => b === 0)).toBe(true);
  });
});
