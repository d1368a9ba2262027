// The toolchain's job pool: a failure must not leave jobs running behind the
// rejection (libc-build deletes its work directory as soon as it sees the error;
// a compile still writing there made that fail with ENOTEMPTY).
import { describe, expect, it } from 'vitest';
import { inParallel } from '../../src/toolchain/in-parallel.ts';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('inParallel', () => {
  it('runs every item, at most `limit` at once', async () => {
    let running = 0, peak = 0;
    const done: number[] = [];
    await inParallel([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await sleep(5 * (n % 3));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(peak).toBe(3);
  });

  it('rejects with the first error only after the running jobs have ended, and starts no new one', async () => {
    const events: string[] = [];
    const outcome = inParallel(['fail', 'slow', 'never'], 2, async (item) => {
      events.push(`start ${item}`);
      if (item === 'fail') throw new Error('compile failed');
      await sleep(50);
      events.push(`end ${item}`);
    });
    await expect(outcome).rejects.toThrow('compile failed');
    expect(events).toEqual(['start fail', 'start slow', 'end slow']);
  });
});
