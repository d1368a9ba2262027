import fc from 'fast-check';
import { runOracle } from './oracle.ts';
import { f80Pair, x87Control } from './gen.ts';
for (const op of ['fpatan', 'fyl2x', 'fyl2xp1', 'f2xm1', 'fsin', 'fptan', 'fsincos']) {
  const lines = fc.sample(fc.tuple(x87Control, f80Pair).map(([c, [a, b]]) => `${op} ${c} ${a} ${b}`), { numRuns: 3000, seed: 5 });
  const out = runOracle(lines);
  let c1 = 0, pe = 0;
  for (const o of out) { const sw = parseInt(o.split(' ').pop()!, 16); if (sw & 0x200) c1++; if (sw & 0x20) pe++; }
  console.log(op, 'C1', c1, 'PE', pe);
}
