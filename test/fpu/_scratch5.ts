import fc from 'fast-check';
import { compareWithHost, describeMismatches, sampleLines } from './differential.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f32Arb, f64Arb, x87ControlRc } from './gen.ts';
const n = Number(process.argv[2] ?? 2000);
const seed = Number(process.argv[3] ?? 1);
const bcd = fc.tuple(fc.integer({ min: 0, max: 1 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 18, maxLength: 18 }), fc.integer({min:0,max:0x7f}))
  .map(([s, d, junk]) => ((s << 7) | junk).toString(16).padStart(2, '0') + d.join(''));
const arbs = [
  fc.tuple(x87ControlRc, f32Arb).map(([c, a]) => `fld32 ${c} ${a}`),
  fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fld64 ${c} ${a}`),
  fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild16 ${c} ${a.slice(12)}`),
  fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild32 ${c} ${a.slice(8)}`),
  fc.tuple(x87ControlRc, f64Arb).map(([c, a]) => `fild64 ${c} ${a}`),
  fc.tuple(x87ControlRc, bcd).map(([c, a]) => `fbld ${c} ${a}`),
];
for (const arb of arbs) {
  const lines = sampleLines(arb, n, seed);
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  console.log(lines[0]!.split(' ')[0], describeMismatches(bad, seed, 6));
}
