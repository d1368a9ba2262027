// Host memory grows with the pages a guest touches, never with its 4 GiB sandbox: ten sessions alive
// at once, each with a 4 GiB Memory budget (a 4 GiB heap mapped up front, as ZeroVM does), cost
// the host a few MB each.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { fixturesDir } from './lib/build-asm.ts';
import { memChannels } from './lib/channels.ts';

describe('host memory', () => {
  it('ten live sessions with 4 GiB Memory add far less than one 4 GiB sandbox', async () => {
    const checksum = new Uint8Array(readFileSync(path.join(fixturesDir, 'checksum.nexe')));
    const before = process.memoryUsage().rss;
    const alive: Session[] = [];
    for (let i = 0; i < 10; i++) {
      const s = new Session(checksum, memChannels().channels, { memory: 2 ** 32 });
      const r = await s.run();
      expect(r.userCode).toBe(97);
      alive.push(s);
    }
    const added = process.memoryUsage().rss - before;
    expect(alive.every((s) => s.memory !== undefined)).toBe(true);
    expect(added).toBeLessThan(100 * 2 ** 20);
  });
});
