import fc from 'fast-check';
import { compareWithHost, describeMismatches, sampleLines } from './differential.ts';
import { evalSse } from './sse-model.ts';
import { f32Arb, f64Arb, mxcsrArb } from './gen.ts';
const ops = process.argv[2]!.split(',');
const n = Number(process.argv[3] ?? 2000);
const seed = Number(process.argv[4] ?? 1);
for (const op of ops) {
  const single = /ss|2sd/.test(op) && !op.startsWith('cvtsd2ss') && !/2sd/.test(op) || op.startsWith('cvtss2sd');
  const v = single ? f32Arb : f64Arb;
  const imm = op.startsWith('cmp') ? fc.integer({ min: 0, max: 7 }) : op.startsWith('round') ? fc.integer({ min: 0, max: 15 }) : fc.constant(0);
  let arb = fc.tuple(mxcsrArb, v, v, imm).map(([c, a, b, i]) => `${op} ${c} ${a} ${b} ${i.toString(16)}`);
  if (op.startsWith('cvtsi2')) arb = fc.tuple(mxcsrArb, f64Arb, f64Arb).map(([c, a, b]) => `${op} ${c} ${a} ${b}`);
  if (op === 'cvtsd2ss') arb = fc.tuple(mxcsrArb, f64Arb, f64Arb).map(([c, a, b]) => `${op} ${c} ${a} ${b}`);
  const lines = sampleLines(arb, n, seed);
  const t = Date.now();
  const bad = compareWithHost(lines, evalSse);
  console.log(op, Date.now() - t, 'ms', describeMismatches(bad, seed, 6));
}
