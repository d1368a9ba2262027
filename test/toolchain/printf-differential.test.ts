// Differential test of our printf and strtod against glibc: a few thousand
// random conversions (fast-check, fixed seed; %d..%s, %a, %L (x87 long double),
// %p, the ' flag) are
// compiled into one C program, built with zvm cc and with gcc/glibc, and both outputs must agree line by line.
import { fc } from '@fast-check/vitest';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildNative, buildNativeRunner, buildZvm, run, tempDir } from './helpers.ts';

const dir = tempDir('printf');
afterAll(() => {
  if (!process.env['ZVM_KEEP_TEST_FILES']) rmSync(dir, { recursive: true, force: true });
});

interface Case {
  spec: string;
  arg: string;
}

const flags = fc.subarray(['-', '+', ' ', '#', '0'], { minLength: 0, maxLength: 3 });
const width = fc.option(fc.integer({ min: 1, max: 24 }), { nil: undefined });
const precision = fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined });

function spec(fl: string[], w: number | undefined, p: number | undefined, length: string, conv: string, allowed: string): string {
  return `%${fl.filter((f) => allowed.includes(f)).join('')}${w ?? ''}${p === undefined ? '' : `.${p}`}${length}${conv}`;
}

const doubleValue = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.tuple(fc.integer({ min: -99999, max: 99999 }), fc.integer({ min: -12, max: 12 })).map(([m, e]) => m * 10 ** e),
  fc.constantFrom(0, -0, 0.5, 1.5, 2.5, 0.125, 1e15, 1e16, 1e-5, 123456789, 9.995, 0.0001, 1e300, 5e-324),
);

function cLiteral(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  const text = v.toPrecision(17).replace('e+', 'e');
  return /[.e]/.test(text) ? text : `${text}.0`; // 1e16 prints as digits only: still a double
}

const intCase = fc.tuple(flags, width, precision, fc.constantFrom('d', 'i', 'u', 'x', 'X', 'o'), fc.integer())
  .map(([fl, w, p, c, v]): Case => ({ spec: spec(fl, w, p, '', c, c === 'd' || c === 'i' ? '-+ 0' : '-#0'), arg: `${v}` }));
const longCase = fc.tuple(flags, width, fc.constantFrom('lld', 'llx', 'llu'), fc.bigInt(-(2n ** 63n), 2n ** 63n - 1n))
  .map(([fl, w, c, v]): Case => ({ spec: spec(fl, w, undefined, c.slice(0, 2), c.slice(2), '-+ 0'), arg: `${v}LL` }));
const floatCase = fc.tuple(flags, width, precision, fc.constantFrom('e', 'E', 'f', 'F', 'g', 'G'), doubleValue)
  .map(([fl, w, p, c, v]): Case => ({ spec: spec(fl, w, p, '', c, '-+ #0'), arg: cLiteral(v) }));
const stringCase = fc.tuple(flags, width, precision, fc.string({ unit: fc.constantFrom('a', 'b', 'Z', ' ', '%', '7'), maxLength: 12 }))
  .map(([fl, w, p, v]): Case => ({ spec: spec(fl, w, p, '', 's', '-'), arg: JSON.stringify(v) }));
const hexFloatCase = fc.tuple(flags, width, fc.option(fc.integer({ min: 0, max: 15 }), { nil: undefined }), fc.constantFrom('a', 'A'), doubleValue)
  .map(([fl, w, p, c, v]): Case => ({ spec: spec(fl, w, p, '', c, '-+ #0'), arg: cLiteral(v) }));
const longDoubleCase = fc.tuple(flags, width, precision, fc.constantFrom('e', 'f', 'g', 'a', 'E', 'G', 'A'),
  fc.stringMatching(/^[1-9][0-9]{0,21}$/), fc.integer({ min: -45, max: 40 }), fc.boolean())
  .map(([fl, w, p, c, m, e, neg]): Case => ({ spec: spec(fl, w, p, 'L', c, '-+ #0'), arg: `${neg ? '-' : ''}${m}e${e}L` }));
const groupedCase = fc.tuple(width, fc.integer())
  .map(([w, v]): Case => ({ spec: `%'${w ?? ''}d`, arg: `${v}` }));
const pointerCase = fc.tuple(flags, width, fc.constantFrom('0', '1', '0x1234', '0xdeadbeef'))
  .map(([fl, w, v]): Case => ({ spec: spec(fl, w, undefined, '', 'p', '-'), arg: `(void *)${v}u` }));

/** Decimal strings for strtod: digits, point, exponent. */
const decimalString = fc.tuple(
  fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{1,22}$/), fc.stringMatching(/^[0-9]{0,12}$/),
  fc.option(fc.integer({ min: -320, max: 310 }), { nil: undefined }),
).map(([s, i, f, e]) => `${s}${i}${f ? `.${f}` : ''}${e === undefined ? '' : `e${e}`}`);

function program(cases: Case[], decimals: string[]): string {
  const lines = cases.map((c) => `  printf("[${c.spec.replace(/%/g, '%%')}] [${c.spec}]\\n", ${c.arg});`);
  const strtods = decimals.map((d) => `  printf("%s %.17g\\n", "${d}", strtod("${d}", 0));`);
  return [
    '#include <stdio.h>', '#include <stdlib.h>', 'int main(void) {', ...lines, ...strtods, '  return 0;', '}', '',
  ].join('\n');
}

let native = '';
let nexe = '';
let nexeStatus: number | null = null;
let nexeStderr = '';

beforeAll(async () => {
  const cases = fc.sample(fc.oneof({ arbitrary: floatCase, weight: 3 }, intCase, longCase, stringCase, hexFloatCase, longDoubleCase, groupedCase, pointerCase), { numRuns: 2000, seed: 20261130 });
  const decimals = fc.sample(decimalString, { numRuns: 600, seed: 7 });
  const src = path.join(dir, 'formats.c');
  writeFileSync(src, program(cases, decimals));
  buildNative([src], path.join(dir, 'formats-native'), ['-O1', '-w']);
  await buildZvm([src], path.join(dir, 'formats.nexe'), ['-O1', '-w']);
  const runner = buildNativeRunner(dir);
  native = run(path.join(dir, 'formats-native'), []).stdout;
  const r = run(runner, [path.join(dir, 'formats.nexe')]);
  nexe = r.stdout;
  nexeStatus = r.status;
  nexeStderr = r.stderr;
}, 180_000);

it('prints every conversion exactly as glibc does', () => {
  expect([nexeStatus, nexeStderr]).toEqual([0, '']);
  const a = native.split('\n');
  const b = nexe.split('\n');
  expect(a.length).toBe(2601);
  const differences = a.flatMap((line, i) => (line === b[i] ? [] : [`glibc: ${line}\n ours: ${b[i]}`]));
  expect(differences).toEqual([]);
});
