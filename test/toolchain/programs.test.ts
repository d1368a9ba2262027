// bench/programs: each builds with plain gcc and with zvm cc; the nexe has the
// NaCl layout, passes our validator, and run natively (native-runner.c, %r15 = 0)
// prints exactly what the gcc/glibc build prints.
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNaClLayout, expectValidText } from './nexe-checks.ts';
import { buildNative, buildNativeRunner, buildZvm, programsDir, run, tempDir } from './helpers.ts';

const dir = tempDir('programs');
let runner = '';
const nexes = new Map<string, Uint8Array>();
const PROGRAMS = ['fib', 'sha256', 'qsort', 'wc', 'nbody', 'libc-selftest'];

/** Deterministic text: words of varying length, some blank lines. */
function sampleText(): string {
  let x = 12345;
  const words: string[] = [];
  for (let i = 0; i < 60000; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    const w = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do'.split(' ')[x % 10]!;
    words.push(x % 17 === 0 ? `${w}\n` : x % 29 === 0 ? `${w}\n\n` : w);
  }
  return words.join(' ') + '\n';
}

beforeAll(async () => {
  runner = buildNativeRunner(dir);
  writeFileSync(path.join(dir, 'text.txt'), sampleText());
  await Promise.all(PROGRAMS.map(async (p) => {
    const src = path.join(programsDir, `${p}.c`);
    buildNative([src], path.join(dir, `${p}-native`));
    nexes.set(p, await buildZvm([src], path.join(dir, `${p}.nexe`)));
  }));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(PROGRAMS)('%s', (name) => {
  it('is a NaCl nexe our validator accepts', () => {
    const image = nexes.get(name)!;
    expectNaClLayout(image);
    expectValidText(image);
  });
});

function same(name: string, args: string[], input?: string): string {
  const native = run(path.join(dir, `${name}-native`), args, { cwd: dir, input });
  const nexe = run(runner, [path.join(dir, `${name}.nexe`), ...args], { cwd: dir, input });
  expect(nexe.stderr).toBe(native.stderr);
  expect(nexe.stdout).toBe(native.stdout);
  expect(nexe.status).toBe(native.status);
  return nexe.stdout;
}

describe('runs like the native build', () => {
  it('fib', () => {
    expect(same('fib', ['24'])).toBe('fib(24) = 46368\n');
  });

  it('sha256 of a file and of stdin', () => {
    const text = readFileSync(path.join(dir, 'text.txt'));
    const digest = createHash('sha256').update(text).digest('hex');
    expect(same('sha256', ['text.txt'])).toBe(`${digest}  text.txt\n`);
    expect(same('sha256', [], 'abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n');
  });

  it('qsort of 1M ints', () => {
    expect(same('qsort', [])).toMatch(/^n=1000000 min=-1000000 median=-?\d+ max=1000000 checksum=[0-9a-f]{16}\n$/);
  });

  it('wc', () => {
    const text = readFileSync(path.join(dir, 'text.txt'), 'utf8');
    const lines = text.split('\n').length - 1;
    const words = text.split(/\s+/).filter((w) => w !== '').length;
    const bytes = Buffer.byteLength(text);
    const out = same('wc', ['text.txt']);
    expect(out.trim().split(/\s+/).slice(0, 3).map(Number)).toEqual([lines, words, bytes]);
  });

  it('nbody', () => {
    expect(same('nbody', ['1000'])).toBe('-0.169075164\n-0.169087605\n');
  });

  it('libc-selftest passes every check, like glibc', () => {
    const out = same('libc-selftest', [path.join(dir, 'selftest.tmp')]);
    expect(out).toMatch(/\n0 failures\natexit handler ran\n$/);
    expect(out).not.toMatch(/FAIL/);
  });
});
