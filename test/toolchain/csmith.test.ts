// Differential test on random C programs: csmith (2.3.0, Debian) regenerates a fixed set of seeds at
// test time; each program built with the host gcc and run natively must print exactly what its
// zvm cc build prints when run by `zvm exec`, with the same exit status. The seeds finish in well
// under a second natively. The wider campaign is scripts/csmith-campaign.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildNative, buildZvm, csmithMissing, generateProgram, runCommand, runZvm, type Outcome,
} from '../../scripts/lib/csmith-diff.ts';

interface Case {
  seed: number;
  options: string[];
  level: string;
}

const CASES: Case[] = [
  ...[1, 5].flatMap((seed) => ['-O0', '-O2'].map((level) => ({ seed, options: [], level }))),
  { seed: 2, options: [], level: '-O1' },
  { seed: 3, options: [], level: '-Os' },
  { seed: 8, options: [], level: '-O3' },
  { seed: 12, options: ['--float'], level: '-O1' },
  { seed: 14, options: ['--float'], level: '-O3' },
];
const name = (c: Case): string => `seed ${c.seed}${c.options.length > 0 ? ` ${c.options.join(' ')}` : ''} ${c.level}`;

const missing = csmithMissing();
const dir = mkdtempSync(path.join(tmpdir(), 'zvm-csmith-test-'));
const results = new Map<string, { native: Outcome; zvm: Outcome } | Error>();

async function runCase(c: Case): Promise<{ native: Outcome; zvm: Outcome }> {
  const stem = path.join(dir, `${c.seed}${c.options.join('')}${c.level}`);
  generateProgram(c.seed, c.options, `${stem}.c`);
  const nb = await buildNative(`${stem}.c`, `${stem}.native`, [c.level]);
  if (nb !== undefined) throw new Error(`gcc failed: ${nb}`);
  const native = await runCommand(`${stem}.native`, [], 10_000);
  const zb = await buildZvm(`${stem}.c`, `${stem}.nexe`, [c.level]);
  if (zb !== undefined) throw new Error(`zvm cc failed:\n${zb}`);
  const zvm = await runZvm(`${stem}.nexe`, 60_000);
  return { native, zvm };
}

beforeAll(async () => {
  if (missing !== undefined) return;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < CASES.length) {
      const c = CASES[next++]!;
      results.set(name(c), await runCase(c).catch((e: unknown) => (e instanceof Error ? e : new Error(String(e)))));
    }
  };
  await Promise.all([worker(), worker()]);
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('has csmith (apt-get install -y csmith libcsmith-dev)', () => {
  expect(missing, missing).toBeUndefined();
});

describe.each(CASES.map((c) => [name(c)]))('%s', (id) => {
  it('zvm exec prints what the native gcc build prints', () => {
    if (missing !== undefined) throw new Error(missing);
    const r = results.get(id);
    if (r instanceof Error) throw r;
    expect(r, 'no result').toBeDefined();
    const { native, zvm } = r!;
    expect(native.status, 'native run').toBe(0);
    expect(native.stdout).toMatch(/^checksum = [0-9A-F]+\n$/);
    expect(zvm.stderr).toBe('');
    expect(zvm.stdout).toBe(native.stdout);
    expect(zvm.status).toBe(native.status);
  });
});
