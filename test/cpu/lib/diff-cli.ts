// Debugging aid: `npx tsx test/cpu/lib/diff-cli.ts [count] [first-seed]` runs snippets natively and
// interpreted and prints the mismatches.
import { difference, describe } from './compare.ts';
import { snippet } from './gen.ts';
import { runInterpreted } from './interp.ts';
import { runNative } from './native.ts';

const count = Number(process.argv[2] ?? 2000);
const first = Number(process.argv[3] ?? 1);
const snippets = Array.from({ length: count }, (_, k) => snippet(first + k));
const native = runNative(snippets.map((s) => s.c));
let bad = 0;
const byForm = new Map<string, number>();
snippets.forEach((s, k) => {
  const d = difference(s, native[k], runInterpreted(s.c));
  if (d) {
    bad++;
    const key = describe(s).split('(')[1].split(')')[0];
    byForm.set(key, (byForm.get(key) ?? 0) + 1);
    if (bad <= 30) console.log(`seed ${first + k}: ${describe(s)}\n   ${d}`);
  }
});
console.log(`${bad} mismatches of ${count}`);
console.log([...byForm.entries()].sort((a, b) => b[1] - a[1]).slice(0, 40));
