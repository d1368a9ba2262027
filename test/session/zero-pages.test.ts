// Memory ZRT hands out (brk growth, anonymous mmap) reads as zero, and making it so touches only
// pages that were written: a program that grows its break by 1.5 GiB costs the host the pages it
// writes, not 1.5 GiB (before, zeroing the new range committed all of it and took seconds).
import { describe, expect, it } from 'vitest';
import { PAGE_SIZE, Perm } from '../../src/cpu/memory.ts';
import { Session, dirtyTrackerOf } from '../../src/session/index.ts';
import { trackedSandbox } from '../../src/session/sandbox-pool.ts';
import { SandboxView } from '../../src/session/sandbox-view.ts';
import { buildAsmFile } from './lib/build-asm.ts';
import { memChannels } from './lib/channels.ts';

describe('zeroing guest memory', () => {
  it('SandboxView.zero clears written pages and leaves never-written ones untouched', () => {
    const mem = trackedSandbox();
    const base = 0x100000;
    mem.protect(base, 64 * PAGE_SIZE, Perm.RW);
    const view = new SandboxView(mem, base, base + 64 * PAGE_SIZE);
    const tracker = dirtyTrackerOf(mem)!;
    view.write(base + 3 * PAGE_SIZE + 10, new Uint8Array([1, 2, 3]));
    view.write(base + 40 * PAGE_SIZE - 1, new Uint8Array([9, 9]));
    const before = tracker.pagesToZero;
    view.zero(base + 3 * PAGE_SIZE + 11, 60 * PAGE_SIZE);
    expect(Array.from(mem.u8.subarray(base + 3 * PAGE_SIZE + 10, base + 3 * PAGE_SIZE + 13))).toEqual([1, 0, 0]);
    expect(Array.from(mem.u8.subarray(base + 40 * PAGE_SIZE - 1, base + 40 * PAGE_SIZE + 1))).toEqual([0, 0]);
    expect(tracker.pagesToZero).toBe(before);
    expect(tracker.dirty.subarray((base >>> 16) + 4, (base >>> 16) + 39).every((d) => d === 0)).toBe(true);
  });

  for (const pool of [undefined, null]) {
    it(`a break grown by 1.5 GiB, written at its top, shrunk and grown again reads zero there (pool: ${pool === null ? 'none' : 'default'})`, async () => {
      const c = memChannels();
      const session = new Session(buildAsmFile('brk-regrow'), c.channels, { pool });
      const r = await session.run();
      expect(r.ending).toBe('exit');
      const out = new DataView(c.stdout.bytes().slice().buffer);
      const [b0, b1, byte] = [out.getUint32(0, true), out.getUint32(4, true), out.getUint32(8, true)];
      expect(b1 - b0).toBe(0x60000000);
      expect(byte).toBe(0);
      // The written page (zeroed again) and the program's own: not 24 576 pages of 64 KiB.
      expect(dirtyTrackerOf(session.memory!)!.pagesToZero).toBeLessThan(64);
      session.release();
    });
  }
});
