// Sandboxes of zvm's start-up: the first ones are SharedArrayBuffers (no forced garbage collection),
// and dead ones must not pile up: a process that keeps creating and dropping sandboxes can still
// spawn children (each uncollected 4 GiB mapping counts against fork()).
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { SANDBOX_SIZE, SHARED_SANDBOX_CAP, SandboxMemory, allocateSandbox } from '../../src/cpu/memory.ts';

describe('sandbox allocation', () => {
  it('gives zeroed 4 GiB buffers, shared ones only up to the cap of uncollected ones', () => {
    const held = Array.from({ length: SHARED_SANDBOX_CAP + 2 }, () => allocateSandbox());
    for (const b of held) {
      expect(b.byteLength).toBe(SANDBOX_SIZE);
      const u8 = new Uint8Array(b);
      expect(u8[0] | u8[SANDBOX_SIZE - 1] | u8[123456789]).toBe(0);
    }
    const shared = held.filter((b) => b instanceof SharedArrayBuffer).length;
    expect(shared).toBeLessThanOrEqual(SHARED_SANDBOX_CAP);
    expect(held.length - shared).toBeGreaterThanOrEqual(2);
  });

  it('a process that creates and drops 40 sandboxes can still spawn children', () => {
    for (let i = 0; i < 40; i++) {
      const mem = new SandboxMemory();
      mem.u8[i * 65536] = 1; // touch a page, as a session would
      const r = spawnSync('true');
      expect(r.error?.message).toBeUndefined();
    }
  });
});
