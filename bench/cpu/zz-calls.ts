import { readFileSync } from 'node:fs';
import { parseNexe } from '../../src/elf/index.ts';
import { helloHost, loadNexe } from '../../src/loader/index.ts';
import { K } from '../../src/cpu/kinds.ts';
const nexe = parseNexe(new Uint8Array(readFileSync('fixtures/calls.nexe')));
const names = Object.fromEntries(Object.entries(K).map(([k, v]) => [v, k]));
for (let k = 0; k < 6; k++) {
  const host = helloHost();
  const { machine } = loadNexe(nexe, { handler: host.handler });
  const c0 = process.cpuUsage();
  machine.run(1e9);
  const u = process.cpuUsage(c0);
  console.log((machine.state.icount / ((u.user + u.system) / 1000) / 1000).toFixed(1), 'MIPS');
  if (k === 0) {
    const p = machine.program; const cnt = new Map<string, number>();
    for (let i = 0; i < p.count; i++) cnt.set(names[p.kind[i]], (cnt.get(names[p.kind[i]]) ?? 0) + 1);
    console.log([...cnt.entries()].sort((a, b) => b[1] - a[1]).map(([a, b]) => a + ':' + b).join(' '));
  }
}
