// SHA-1 against node:crypto, whole and in random pieces.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Sha1, sha1Hex } from '../../src/channels/sha1.ts';

const reference = (data: Uint8Array): string => createHash('sha1').update(data).digest('hex');

describe('Sha1', () => {
  it('matches node:crypto on every length around the block boundaries', () => {
    for (let n = 0; n <= 200; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n) & 0xff);
      expect(sha1Hex(data)).toBe(reference(data));
    }
  });

  it('matches node:crypto on random data fed in random pieces, with digests taken midway', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 150 }), { maxLength: 12 }), (pieces) => {
        const ours = new Sha1();
        const theirs = createHash('sha1');
        for (const p of pieces) {
          ours.update(p);
          theirs.update(p);
          expect(ours.hex()).toBe(theirs.copy().digest('hex'));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('matches on 1 MiB', () => {
    const data = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i ^ (i >>> 8)) & 0xff);
    expect(sha1Hex(data)).toBe(reference(data));
  });
});

describe('sha1-rounds.ts', () => {
  it('is what scripts/gen-sha1-rounds.ts generates', async () => {
    const { sha1RoundsSource } = await import('../../scripts/gen-sha1-rounds.ts');
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(new URL('../../src/channels/sha1-rounds.ts', import.meta.url), 'utf8')).toBe(sha1RoundsSource());
  });
});
