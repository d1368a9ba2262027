import fc from 'fast-check';
import { compareWithHost, describeMismatches, sampleLines } from './differential.ts';
import { evalSse } from './sse-model.ts';
import { f32Arb, f64Arb, mxcsrArb } from './gen.ts';
const n = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const v4 = fc.array(f32Arb, { minLength: 4, maxLength: 4 }).map((a) => a.join(''));
const v2 = fc.array(f64Arb, { minLength: 2, maxLength: 2 }).map((a) => a.join(''));
const dpps = fc.tuple(mxcsrArb, v4, v4, fc.constantFrom(0xff, 0xf1, 0x71, 0x3f, 0x55, 0xa3, 0x0f, 0xf0, 0x93, 0xcc)).map(([c, a, b, i]) => `dpps ${c} ${a} ${b} ${i.toString(16)}`);
const dppd = fc.tuple(mxcsrArb, v2, v2, fc.constantFrom(0x33, 0x31, 0x32, 0x13, 0x23, 0x03, 0x30, 0x11)).map(([c, a, b, i]) => `dppd ${c} ${a} ${b} ${i.toString(16)}`);
for (const arb of [dpps, dppd]) {
  const lines = sampleLines(arb, n, seed);
  const bad = compareWithHost(lines, evalSse);
  console.log(lines[0]!.slice(0, 4), describeMismatches(bad, seed, 6));
}
