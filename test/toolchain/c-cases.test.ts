// Differential test of the whole toolchain: C programs that exercise the
// memory, control-flow and arithmetic shapes gcc produces are built at several
// optimisation levels with zvm cc and with gcc/glibc; run natively
// (native-runner.c), the nexes must print exactly what the native builds print.
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative, buildNativeRunner, buildZvm, casesDir, run, tempDir } from './helpers.ts';
import { expectValidText } from './nexe-checks.ts';

const dir = tempDir('cases');
const CASES = readdirSync(casesDir).filter((f) => f.endsWith('.c')).map((f) => f.slice(0, -2)).sort();
const LEVELS = ['-O0', '-O2', '-O3'];
let runner = '';
const images = new Map<string, Uint8Array>();

beforeAll(async () => {
  runner = buildNativeRunner(dir);
  const jobs = CASES.flatMap((c) => LEVELS.map((o) => [c, o] as const));
  await Promise.all(jobs.map(async ([c, o]) => {
    const src = path.join(casesDir, `${c}.c`);
    buildNative([src], path.join(dir, `${c}${o}-native`), [o]);
    images.set(`${c}${o}`, await buildZvm([src], path.join(dir, `${c}${o}.nexe`), [o]));
  }));
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('has cases', () => {
  expect(CASES).toEqual(['control', 'memory', 'numeric']);
});

describe.each(CASES)('%s', (name) => {
  it.each(LEVELS)('%s: validates and prints what the native build prints', (level) => {
    const id = `${name}${level}`;
    expectValidText(images.get(id)!);
    const native = run(path.join(dir, `${id}-native`), []);
    const nexe = run(runner, [path.join(dir, `${id}.nexe`)]);
    expect(native.status).toBe(0);
    expect(nexe.stdout).toBe(native.stdout);
    expect(nexe.status).toBe(0);
  });
});
