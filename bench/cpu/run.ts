// Interpreter speed: guest MIPS on integer loops (synthetic loops from loops.S, and the fixture
// programs) against the same loops run natively (built with gcc in this bench). Prints a table.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../src/cpu/machine.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { loadBareMachine } from '../../src/session/bare-machine.ts';
import { helloHost } from '../../test/cpu/hello-host.ts';
import { buildLoops, cpuMs, LOOPS_SOURCE, TEXT } from './loops-image.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const tmp = mkdtempSync(path.join(tmpdir(), 'zvm-cpu-bench-'));
const quick = process.argv.includes('--quick');

const LOOPS = [
  { name: 'alu_loop', perIter: 5, what: 'register ALU + jnz' },
  { name: 'mem_loop', perIter: 7, what: 'r15 load/store, 64-bit add, dec/jnz' },
  { name: 'mix_loop', perIter: 10, what: 'shr/xor/imul/cmov/setcc' },
  { name: 'rot_loop', perIter: 10, what: 'ror/rol/not, paddd/pslld' },
  { name: 'fp_loop', perIter: 10, what: 'SSE2 double mul/add/sub/sqrt/div' },
];

// The chunk for the interpreter; the native driver links the same source.
const { mem, program, symbols } = buildLoops();
const src = LOOPS_SOURCE;
execFileSync('gcc', ['-O2', '-mno-red-zone', '-DNATIVE', path.join(here, 'native-driver.c'), src, '-o', path.join(tmp, 'native')]);

const nativeIters = quick ? 20_000_000 : 200_000_000;
const native = new Map(execFileSync(path.join(tmp, 'native'), [String(nativeIters)], { encoding: 'utf8' }).trim().split('\n')
  .map((l) => l.split(' ')).map(([name, n, s]) => [name, Number(n) / Number(s)]));

function timeLoop(entry: number, iters: number): { instrs: number; ms: number } {
  const m = new Machine(mem, program);
  m.state.set64(7, iters, 0);
  m.setRip(TEXT + entry);
  const t0 = cpuMs();
  const r = m.run(Number.MAX_SAFE_INTEGER);
  const ms = cpuMs() - t0;
  if (r.kind !== 'fault' || r.fault.kind !== 'halt') throw new Error(`loop ended with ${JSON.stringify(r)}`);
  return { instrs: m.state.icount, ms };
}

const rows: string[][] = [];
const interpIters = quick ? 2_000_000 : 10_000_000;
// Untimed first, every loop in turn: a process's second machine starts the interpreter's warm-up
// (src/cpu/warm-up.ts) and V8 recompiles exec in the background; the timed runs come after that.
for (const end = cpuMs() + (quick ? 700 : 1500); cpuMs() < end;) for (const loop of LOOPS) timeLoop(symbols.get(loop.name)!, 50_000);
for (const loop of LOOPS) {
  const entry = symbols.get(loop.name)!;
  timeLoop(entry, 200_000); // warm up
  let best = 0, instrs = 0;
  for (let k = 0; k < 3; k++) {
    const t = timeLoop(entry, interpIters);
    instrs = t.instrs;
    best = Math.max(best, t.instrs / t.ms / 1000);
  }
  const nativeMips = (native.get(loop.name)! * loop.perIter) / 1e6;
  rows.push([`${loop.name} (${loop.what})`, instrs.toLocaleString('en'), best.toFixed(1), nativeMips.toFixed(0), `${(nativeMips / best).toFixed(0)}x`]);
}

// The fixture programs (short runs: best of several fresh loads; load time excluded).
const fixtures = path.join(root, 'fixtures');
for (const f of readdirSync(path.join(fixtures, 'expected')).filter((x) => x.endsWith('.json')).sort()) {
  const spec = JSON.parse(readFileSync(path.join(fixtures, 'expected', f), 'utf8'));
  if (spec.valid === false || typeof spec.stdout !== 'string') continue;
  const name = f.replace(/\.json$/, '');
  const nexe = parseNexe(new Uint8Array(readFileSync(path.join(fixtures, `${name}.nexe`))));
  let best = 0, instrs = 0;
  for (let k = 0; k < (quick ? 3 : 8); k++) {
    const host = helloHost();
    const { machine } = loadBareMachine(nexe, host.handler);
    const t0 = cpuMs();
    machine.run(1e9);
    const ms = cpuMs() - t0;
    instrs = machine.state.icount;
    best = Math.max(best, instrs / Math.max(ms, 1e-3) / 1000);
  }
  rows.push([`fixture ${name}`, instrs.toLocaleString('en'), best.toFixed(1), '-', '-']);
}

const header = ['workload', 'guest instructions', 'interpreter MIPS', 'native MIPS', 'slowdown'];
const widths = header.map((h, k) => Math.max(h.length, ...rows.map((r) => r[k].length)));
const line = (cells: string[]) => '| ' + cells.map((c, k) => c.padEnd(widths[k])).join(' | ') + ' |';
console.log(`\ninterpreter speed (node ${process.version}; CPU time; load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs; target 100 MIPS on simple integer loops)`);
console.log(line(header));
console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of rows) console.log(line(r));

// Process history: V8 optimizes the interpreter with the type feedback of what ran first, so a
// workload's speed in a process that has already run other programs can differ from a fresh one
// (src/cpu/warm-up.ts). Each figure: the workload in a child process (bench/cpu/history.ts), run
// untimed until V8's recompiles are over, then the best of its timed runs; one-program process: only
// the workload and no warm-up (as `zvm run`), after a mix: the other workloads first, then the warm-up.
const MIX = ['loop:fp_loop@1', 'loop:rot_loop@1', 'program:nbody@1', 'program:sha256@1', 'fixture:strings@3'];
const HISTORY = [
  { workload: 'loop:alu_loop', reps: quick ? 3 : 5 },
  { workload: 'fixture:calls', reps: quick ? 15 : 40 },
  { workload: 'program:fib', reps: quick ? 2 : 3 },
  { workload: 'program:wc', reps: quick ? 2 : 3 },
];
const SETTLE_MS = quick ? 700 : 1500;
function historyMips(workloads: string[], warmUp: boolean): number {
  const args = ['--import', 'tsx', path.join(here, 'history.ts'), '--json', ...(warmUp ? [] : ['--no-warm-up']), '--settle', String(SETTLE_MS), ...workloads];
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`history.ts failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, number>;
  return out[workloads[workloads.length - 1]!.split('@')[0]!]!;
}
const historyRows: string[][] = [];
for (const { workload, reps } of HISTORY) {
  let fresh = 0, mixed = 0;
  for (let k = 0; k < (quick ? 1 : 2); k++) { // alternated, best of each (the machine is noisy)
    fresh = Math.max(fresh, historyMips([`${workload}@${reps}`], false));
    mixed = Math.max(mixed, historyMips([...MIX, `${workload}@${reps}`], true));
  }
  historyRows.push([workload, fresh.toFixed(1), mixed.toFixed(1), `${(100 * mixed / fresh).toFixed(0)}%`]);
}
const hHeader = ['workload', 'one-program process MIPS', 'after a mix and the warm-up MIPS', 'ratio'];
const hWidths = hHeader.map((h, k) => Math.max(h.length, ...historyRows.map((r) => r[k].length)));
const hLine = (cells: string[]) => '| ' + cells.map((c, k) => c.padEnd(hWidths[k])).join(' | ') + ' |';
console.log(`\nprocess history (best runs in a child process after ${SETTLE_MS} ms untimed; the mix before: ${MIX.map((w) => w.split('@')[0]).join(', ')})`);
console.log(hLine(hHeader));
console.log('|' + hWidths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
for (const r of historyRows) console.log(hLine(r));
