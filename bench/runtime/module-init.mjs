// How long the top-level code of the runtime's modules takes in a fresh process (tables built at
// load), group by group: bundles module-init-entry.ts with esbuild, runs it N times (default 15) and
// prints the least and the median of each group (the least is the steadier figure on a busy machine). Usage: node bench/runtime/module-init.mjs [N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const runs = Number(process.argv[2] ?? 15);
const dir = mkdtempSync(path.join(tmpdir(), 'zvm-module-init-'));
const out = path.join(dir, 'entry.mjs');
await build({ entryPoints: [path.join(here, 'module-init-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: out, logLevel: 'error' });
const samples = new Map();
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, [out], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  for (const [name, ms] of JSON.parse(r.stdout)) samples.set(name, [...(samples.get(name) ?? []), ms]);
}
rmSync(dir, { recursive: true, force: true });
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
let total = 0;
console.log(`   min  median   (ms, ${runs} runs)`);
for (const [name, xs] of samples) {
  total += median(xs);
  console.log(`${Math.min(...xs).toFixed(2).padStart(6)} ${median(xs).toFixed(2).padStart(7)}   ${name}`);
}
console.log(`       ${total.toFixed(2).padStart(7)}   total of the medians`);
