import fc from 'fast-check';
import { compareWithHost, describeMismatches, sampleLines } from './differential.ts';
import { evalX87, normalizeX87 } from './x87-model.ts';
import { f80Arb, f80Pair, x87Control } from './gen.ts';
const ops = process.argv[2]!.split(',');
const n = Number(process.argv[3] ?? 2000);
const seed = Number(process.argv[4] ?? 1);
const lo = Number(process.argv[5] ?? -20), hi = Number(process.argv[6] ?? -1);
const mid = fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 16383 + lo, max: 16383 + hi }), fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 0xffffffff }))
  .map(([s, e, h, l]) => (((s << 15) | e).toString(16).padStart(4, '0')) + ((h | 0x80000000) >>> 0).toString(16).padStart(8, '0') + l.toString(16).padStart(8, '0'));
for (const op of ops) {
  const arb = fc.tuple(x87Control, fc.oneof(fc.tuple(mid, f80Arb), fc.tuple(mid, mid), f80Pair)).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`);
  const lines = sampleLines(arb, n, seed);
  const bad = compareWithHost(lines, evalX87, normalizeX87);
  console.log(op, describeMismatches(bad, seed, 10));
}
