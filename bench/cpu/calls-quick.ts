// Quick timing of one fixture (default: calls), many fresh loads after 0.7 s untimed: `npx tsx bench/cpu/calls-quick.ts [name] [runs]`.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNexe } from '../../src/elf/index.ts';
import { loadBareMachine } from '../../src/session/bare-machine.ts';
import { helloHost } from '../../test/cpu/hello-host.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const name = process.argv[2] ?? 'calls';
const runs = Number(process.argv[3] ?? 30);
const nexe = parseNexe(new Uint8Array(readFileSync(path.join(root, 'fixtures', `${name}.nexe`))));
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
// untimed first: the second machine starts the interpreter's warm-up (src/cpu/warm-up.ts) and V8
// recompiles exec in the background; the timed runs come after that
for (const end = cpuMs() + 700; cpuMs() < end;) loadBareMachine(nexe, helloHost().handler).machine.run(1e9);
const mips: number[] = [];
for (let k = 0; k < runs; k++) {
  const { machine } = loadBareMachine(nexe, helloHost().handler);
  const t0 = cpuMs();
  machine.run(1e9);
  mips.push(machine.state.icount / Math.max(cpuMs() - t0, 1e-3) / 1000);
}
mips.sort((a, b) => a - b);
console.log(`${name}: best ${mips[mips.length - 1].toFixed(1)} median ${mips[mips.length >> 1].toFixed(1)} MIPS`);
