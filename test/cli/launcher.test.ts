import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';

describe('zvm launcher', () => {
  it('rejects an unknown command with status 2', async () => {
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(await main(['no-such-command'])).toBe(2);
    } finally {
      process.stderr.write = write;
    }
  });
});
