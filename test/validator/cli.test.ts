// zvm validate: exit statuses, the report, and the --hex-lines JSON protocol.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { hexLineVerdict } from '../../src/cli/validate.ts';
import { repoRoot } from './shared-data.ts';

async function run(args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = process.stdout.write;
  const e = process.stderr.write;
  process.stdout.write = ((s: string) => ((out += s), true)) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => ((err += s), true)) as typeof process.stderr.write;
  try {
    return { status: await main(['validate', ...args]), out, err };
  } finally {
    process.stdout.write = o;
    process.stderr.write = e;
  }
}

describe('zvm validate', () => {
  it('exits 0 on a valid hex chunk and says so', async () => {
    const r = await run(['--hex', '89 c0 41 8b 04 07']);
    expect(r.status).toBe(0);
    expect(r.out).toContain('valid');
  });

  it('exits 1 on an invalid chunk and explains the error with its address and instruction', async () => {
    const r = await run(['--hex', '90 8b 00']);
    expect(r.status).toBe(1);
    expect(r.out).toContain('0x1 (+0x1): improper memory address - bad base');
    expect(r.out).toContain('8b 00');
    expect(r.out).toMatch(/rule: .*%r15/);
    expect(r.out).toMatch(/hint: /);
    expect(r.out).toContain('INVALID: 1 error(s)');
  });

  it('names the specific reason of an unrecognized instruction', async () => {
    expect((await run(['--hex', 'ff e0'])).out).toContain('nacljmp/naclcall');
    expect((await run(['--hex', '64 8b 00'])).out).toContain('segment prefixes');
    expect((await run(['--hex', '90'.repeat(30) + 'e8 00 00 00 00'])).out).toContain('crosses the 32-byte bundle boundary at 0x20');
    expect((await run(['--hex', 'f3 ab'])).out).toContain('rebase of %rsi/%rdi');
  });

  it('exits 2 with the position on bad hex, and on a usage error', async () => {
    const r = await run(['--hex', '90 9x']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('position 5');
    expect((await run([])).status).toBe(2);
    expect((await run(['--hex'])).status).toBe(2);
  });

  it('exits 2 on a missing file and on a file that is not ELF', async () => {
    const missing = await run([path.join(repoRoot, 'no-such-file.nexe')]);
    expect(missing.status).toBe(2);
    expect(missing.err).toContain('cannot read');
    const notElf = await run([path.join(repoRoot, 'package.json')]);
    expect(notElf.status).toBe(2);
    expect(notElf.err).toContain('not an ELF image');
  });

  it('gives the NaCl verdict on rdtsc by default and refuses it with --zerovm', async () => {
    expect((await run(['--hex', '0f 31'])).status).toBe(0);
    expect((await run(['--nacl', '--hex', '0f 31'])).status).toBe(0);
    expect((await run(['--zerovm', '--hex', '0f 31'])).status).toBe(1);
  });

  it('formats --hex-lines verdicts in the corpus vocabulary, ordered by offset', () => {
    const opts = { deterministic: false };
    expect(JSON.parse(hexLineVerdict('90', opts))).toEqual({ valid: true, errors: [] });
    expect(JSON.parse(hexLineVerdict('8b00 5c', opts))).toEqual({
      valid: false,
      errors: [
        { offset: 0, message: 'improper memory address - bad base' },
        { offset: 2, message: 'error - %spl or %sp is changed' },
      ],
    });
    const bad = JSON.parse(hexLineVerdict('90 q0', opts)) as { error: string };
    expect(bad.error).toContain('position 4');
  });

  it('answers one JSON line per input line through the real binary', () => {
    const input = ['90', 'zz', '', 'ffe0', '83e0e04c01f8ffe0'].join('\n') + '\n';
    const r = spawnSync(path.join(repoRoot, 'bin', 'zvm'), ['validate', '--nacl', '--hex-lines'], { input, encoding: 'utf8', timeout: 30000 });
    const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toEqual({ valid: true, errors: [] });
    expect(lines[1]!.error).toBeTypeOf('string');
    expect(lines[2]).toEqual({ valid: true, errors: [] });
    expect(lines[3]).toEqual({ valid: false, errors: [{ offset: 0, message: 'unrecognized instruction' }] });
    expect(lines[4]).toEqual({ valid: true, errors: [] });
    expect(r.status).toBe(1);
  });
});
