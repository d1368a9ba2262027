// Guest MIPS of workloads run one after another in ONE process, so that the speed of a workload can
// be compared between a fresh process and one that has already run other programs (V8 optimizes the
// interpreter with the type feedback of whatever ran first).
// `npx tsx bench/cpu/history.ts [--json] [--no-warm-up] [--reps N] [--settle MS] <workload>[@reps]...` runs them in
// order, each `reps` times (default N = 5), and prints each one's best MIPS; --settle first runs the
// LAST workload untimed for MS of CPU time (so that V8's recompiles are over: the steady state, fresh
// or after the others). A workload is `loop:<name>`
// (bench/cpu/loops.S), `fixture:<name>` (fixtures/<name>.nexe on the bare machine) or
// `program:<name>` (bench/programs/<name>.c in a Session, nexes cached as bench/programs/quick.ts does).
// --no-warm-up: no interpreter warm-up (src/cpu/warm-up.ts), as in a process that runs one program
// (each run here is a new machine, and a process's second machine would start it).
// bench/cpu/run.ts runs it in child processes for its process-history table.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../src/cpu/machine.ts';
import { disableWarmUp } from '../../src/cpu/warm-up.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { loadBareMachine } from '../../src/session/bare-machine.ts';
import { Session } from '../../src/session/index.ts';
import { programNexe, programWorkloads, workloadChannels } from '../programs/workloads.ts';
import { helloHost } from '../../test/cpu/hello-host.ts';
import { buildLoops, cpuMs, TEXT, type LoopsImage } from './loops-image.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');

/** The bench programs, smaller than in bench/programs/quick.ts where a run is long. */
const PROGRAMS = programWorkloads({ fib: 29, qsort: 50_000, words: 100_000, nbody: 2000 });

let loops: LoopsImage | undefined;
const nexes = new Map<string, ReturnType<typeof parseNexe>>();
function fixtureNexe(name: string): ReturnType<typeof parseNexe> {
  let n = nexes.get(name);
  if (n === undefined) { n = parseNexe(new Uint8Array(readFileSync(path.join(root, 'fixtures', `${name}.nexe`)))); nexes.set(name, n); }
  return n;
}

/** One timed run of a workload: guest instructions and CPU milliseconds. */
async function runOnce(workload: string): Promise<{ instrs: number; ms: number }> {
  const [type, name] = workload.split(':') as [string, string];
  if (type === 'loop') {
    loops ??= buildLoops();
    const m = new Machine(loops.mem, loops.program);
    m.state.set64(7, 1_000_000, 0);
    m.setRip(TEXT + loops.symbols.get(name)!);
    const t0 = cpuMs();
    const r = m.run(Number.MAX_SAFE_INTEGER);
    const ms = cpuMs() - t0;
    if (r.kind !== 'fault' || r.fault.kind !== 'halt') throw new Error(`${workload} ended with ${JSON.stringify(r)}`);
    return { instrs: m.state.icount, ms };
  }
  if (type === 'fixture') {
    const nexe = fixtureNexe(name);
    const { machine } = loadBareMachine(nexe, helloHost().handler);
    const t0 = cpuMs();
    const r = machine.run(1e9);
    const ms = cpuMs() - t0;
    if (r.kind !== 'exited') throw new Error(`${workload} ended with ${JSON.stringify(r)}`);
    return { instrs: machine.state.icount, ms };
  }
  if (type === 'program') {
    const w = PROGRAMS[name];
    if (w === undefined) throw new Error(`unknown program ${name}`);
    const nexe = await programNexe(name);
    const channels = workloadChannels(w);
    const t0 = cpuMs();
    const r = await new Session(nexe, channels, { args: [name, ...w.args] }).run();
    const ms = cpuMs() - t0;
    if (r.ending !== 'exit') throw new Error(`${workload} ended with ${r.ending}`);
    return { instrs: r.instructions, ms };
  }
  throw new Error(`unknown workload ${workload} (loop:, fixture: or program:)`);
}

/** Best MIPS of a workload over `reps` runs (the first run included: it is what a fresh process sees). */
export async function bestMips(workload: string, reps: number): Promise<{ mips: number; firstMs: number; instrs: number }> {
  let best = 0, firstMs = 0, instrs = 0;
  for (let k = 0; k < reps; k++) {
    const t = await runOnce(workload);
    if (k === 0) firstMs = t.ms;
    instrs = t.instrs;
    best = Math.max(best, t.instrs / Math.max(t.ms, 1e-3) / 1000);
  }
  return { mips: best, firstMs, instrs };
}

if (process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  if (args.includes('--no-warm-up')) disableWarmUp();
  const option = (name: string, fallback: number): number => {
    const at = args.indexOf(name);
    return at >= 0 ? Number(args[at + 1]) : fallback;
  };
  const reps = option('--reps', 5), settle = option('--settle', 0);
  const workloads = args.filter((a, k) => !a.startsWith('--') && args[k - 1] !== '--reps' && args[k - 1] !== '--settle');
  const out: Record<string, number> = {};
  for (const [k, arg] of workloads.entries()) {
    const [w, n] = arg.split('@') as [string, string | undefined];
    if (k === workloads.length - 1 && settle > 0) {
      const end = cpuMs() + settle;
      while (cpuMs() < end) await runOnce(w);
    }
    const r = await bestMips(w, n === undefined ? reps : Number(n));
    out[w] = r.mips;
    if (!json) console.log(`${w.padEnd(20)} ${r.mips.toFixed(1).padStart(7)} MIPS best of ${n ?? reps}; first run ${r.firstMs.toFixed(1)} ms, ${r.instrs} instructions`);
  }
  if (json) console.log(JSON.stringify(out));
}
