// What zvm cc takes beyond our libc's own headers, found by the csmith campaign
// (scripts/csmith-campaign.ts) and the programs around it: gcc's intrinsics
// headers with -msse4.2, the aligned allocators, math.h (long double too),
// rand, scanf, strtold, hex strtod, POSIX string functions and the calendar as
// glibc answers them, qsort's order for equal keys and its comparator calls, constructors,
// and which -m options pass. Each program is built with
// zvm cc and run by `zvm exec`; it must print what the gcc/glibc build prints.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCcArgs } from '../../src/cli/cc.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { buildNative, buildZvm, repoRoot, run, tempDir } from './helpers.ts';

const extrasDir = path.join(repoRoot, 'test', 'toolchain', 'c-extras');
const dir = tempDir('extras');
const FLAGS: Record<string, string[]> = {
  intrinsics: ['-O2', '-msse4.2'],
  'aligned-alloc': ['-O1'],
  math: ['-O2'],
  rand: ['-O2'],
  scan: ['-O2', '-w'],
  'hex-strtod': ['-O1'],
  constructors: ['-O2'],
  'libc-more': ['-O2'],
  calendar: ['-O2'],
  sort: ['-O2'],
};
const CASES = readdirSync(extrasDir).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();

beforeAll(async () => {
  await Promise.all(CASES.map(async (c) => {
    const src = path.join(extrasDir, `${c}.c`);
    buildNative([src], path.join(dir, `${c}-native`), FLAGS[c]);
    await buildZvm([src], path.join(dir, `${c}.nexe`), FLAGS[c]);
  }));
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('has its cases', () => {
  expect(CASES).toEqual(Object.keys(FLAGS).sort());
});

describe.each(CASES)('%s', (name) => {
  it('zvm exec prints what the native build prints', () => {
    const native = run(path.join(dir, `${name}-native`), []);
    const nexe = run(path.join(repoRoot, 'bin', 'zvm'), ['exec', path.join(dir, `${name}.nexe`)]);
    expect(native.status).toBe(0);
    expect(native.stdout.split('\n').length).toBeGreaterThan(3);
    expect(nexe.stderr).toBe('');
    expect(nexe.stdout).toBe(native.stdout);
    expect(nexe.status).toBe(0);
  });
});

describe('zvm cc -m options', () => {
  const cflags = (opt: string): string[] => {
    const a = parseCcArgs([opt, 'x.c']);
    if (a === 'help') throw new Error('help');
    return a.cflags;
  };
  it.each(['-msse4.2', '-mssse3', '-mpopcnt', '-mlzcnt', '-mcrc32', '-march=x86-64-v2', '-mtune=znver3', '-mno-avx'])('passes %s to gcc', (opt) => {
    expect(cflags(opt)).toEqual([opt]);
  });
  it.each(['-mavx', '-mavx2', '-mfma', '-mbmi2', '-march=native', '-march=x86-64-v3'])('refuses %s: the interpreter stops at SSE4.2', (opt) => {
    expect(() => cflags(opt)).toThrow(UsageError);
    expect(() => cflags(opt)).toThrow(/up to SSE4\.2/);
  });
  it.each(['-static', '-no-pie', '-pipe', '-s', '-lm'])('accepts %s as a no-op (every nexe is static, non-PIE)', (opt) => {
    expect(cflags(opt)).toEqual([]);
  });
  it.each(['-m32', '-m64', '-mcmodel=large', '-mred-zone', '-mabi=sysv'])('refuses %s (the sandbox ABI is fixed)', (opt) => {
    expect(() => cflags(opt)).toThrow(`unknown option '${opt}'`);
  });
});
