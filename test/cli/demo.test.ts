// `npm start` runs `zvm demo`: every bundled fixture must behave as its expectation says.
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

describe('zvm demo', () => {
  it('takes every fixture through the pipeline and reports each as expected', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    const status = await main(['demo']);
    vi.restoreAllMocks();
    const lines = out.trim().split('\n');
    expect(lines.filter((l) => l.startsWith('FAIL'))).toEqual([]);
    expect(lines.filter((l) => l.startsWith('ok ')).length).toBeGreaterThanOrEqual(12);
    expect(status).toBe(0);
  });

  it('says so when the folder holds no fixtures', async () => {
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await main(['demo', '/nonexistent-fixtures'])).toBe(2);
    vi.restoreAllMocks();
  });
});
