import fc from 'fast-check';
import { compareWithHost, describeMismatches, sampleLines } from './differential.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f80Arb, f80Pair, x87Control, x87ControlRc } from './gen.ts';
const ops = process.argv[2]!.split(',');
const n = Number(process.argv[3] ?? 2000);
const seed = Number(process.argv[4] ?? Date.now() % 100000);
for (const op of ops) {
  const arb = fc.tuple(x87Control, f80Pair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`);
  const lines = sampleLines(arb, n, seed);
  const t = Date.now();
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  console.log(op, Date.now() - t, 'ms', describeMismatches(bad, seed, 8));
}
