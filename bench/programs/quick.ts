// Quick A/B timing of the bench programs in a Session, by CPU time (the machine may be busy):
// `npx tsx bench/programs/quick.ts [program...] [--reps N]`. The nexes are built once with zvm cc
// and cached in $TMPDIR/zvm-bench-quick (delete it after changing the programs or the toolchain).
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildNexe } from '../../src/toolchain/build-nexe.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const cache = path.join(tmpdir(), 'zvm-bench-quick');
mkdirSync(cache, { recursive: true });
const text = Array.from({ length: 200_000 }, (_, i) => `w${(i * 7919) % 5000}${i % 11 === 0 ? '\n' : ' '}`).join('');
const workloads: Record<string, { args: string[]; stdin?: string }> = {
  fib: { args: ['27'] },
  qsort: { args: ['100000'] },
  sha256: { args: [], stdin: text },
  wc: { args: [], stdin: text },
  nbody: { args: ['5000'] },
};
const limits = { gets: 1e9, getSize: 1e12, puts: 1e9, putSize: 1e12 };
const argv = process.argv.slice(2);
const repsAt = argv.indexOf('--reps');
const reps = repsAt >= 0 ? Number(argv[repsAt + 1]) : 3;
const names = argv.filter((a, k) => !a.startsWith('--') && (repsAt < 0 || k !== repsAt + 1));
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

for (const name of names.length > 0 ? names : Object.keys(workloads)) {
  const w = workloads[name]!;
  const nexePath = path.join(cache, `${name}.nexe`);
  if (!existsSync(nexePath)) await buildNexe({ inputs: [path.join(here, `${name}.c`)], output: nexePath, cflags: ['-O2'] });
  const nexe = new Uint8Array(readFileSync(nexePath));
  let best = Infinity, insns = 0, out = '';
  for (let k = 0; k < reps; k++) {
    const sink = memorySink();
    const channels = [
      new Channel(memorySource(new TextEncoder().encode(w.stdin ?? '')), { alias: '/dev/stdin', type: 0, limits }),
      new Channel(sink, { alias: '/dev/stdout', type: 0, limits }),
      new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits }),
    ];
    const t = cpuMs();
    const r = await new Session(nexe, channels, { args: [name, ...w.args] }).run();
    best = Math.min(best, cpuMs() - t);
    insns = r.instructions;
    out = new TextDecoder().decode(sink.bytes());
  }
  console.log(`${name.padEnd(7)} cpu ${best.toFixed(0).padStart(6)} ms  ${(insns / best / 1000).toFixed(1).padStart(6)} MIPS  ${insns} insns  out ${out.trim().slice(0, 40).replace(/\n/g, ' | ')}`);
}
