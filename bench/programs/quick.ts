// Quick A/B timing of the bench programs in a Session, by CPU time (the machine may be busy):
// `npx tsx bench/programs/quick.ts [program...] [--reps N]` (nexes cached, see workloads.ts).
import { memorySink } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { programNexe, programWorkloads, workloadChannels } from './workloads.ts';

const workloads = programWorkloads({ fib: 27, qsort: 100_000, words: 200_000, nbody: 5000 });
const argv = process.argv.slice(2);
const repsAt = argv.indexOf('--reps');
const reps = repsAt >= 0 ? Number(argv[repsAt + 1]) : 3;
const names = argv.filter((a, k) => !a.startsWith('--') && (repsAt < 0 || k !== repsAt + 1));
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };

for (const name of names.length > 0 ? names : Object.keys(workloads)) {
  const w = workloads[name]!;
  const nexe = await programNexe(name);
  let best = Infinity, insns = 0, out = '';
  for (let k = 0; k < reps; k++) {
    const sink = memorySink();
    const channels = workloadChannels(w, sink);
    const t = cpuMs();
    const r = await new Session(nexe, channels, { args: [name, ...w.args] }).run();
    best = Math.min(best, cpuMs() - t);
    insns = r.instructions;
    out = new TextDecoder().decode(sink.bytes());
  }
  console.log(`${name.padEnd(7)} cpu ${best.toFixed(0).padStart(6)} ms  ${(insns / best / 1000).toFixed(1).padStart(6)} MIPS  ${insns} insns  out ${out.trim().slice(0, 40).replace(/\n/g, ' | ')}`);
}
