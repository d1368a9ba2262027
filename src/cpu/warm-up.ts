// The interpreter's warm-up: runs src/cpu/warm-up.S once per process on a private machine (Machine.run
// decides when: before the first run of the process's second machine). V8 optimizes Machine.exec (one
// big switch) with the type feedback it has collected; a case or branch that never ran has none, and
// when a later program reaches it V8 throws the optimized exec away and recompiles the whole function
// (75-450 ms each, many times over when a process runs varied programs). The warm-up program reaches
// every handler and the branches inside them, so the next optimization covers them all.
// The private machine is kept for the life of the process: V8 collects the hidden classes of
// Machine, CpuState, SandboxMemory, Program... when no instance is left between two runs, and code
// optimized for the old ones is thrown away too ("weak objects"); one live instance prevents that.
import type { Machine, TrampolineHandler } from './machine.ts';
import { Perm, SandboxMemory } from './memory.ts';
import { Program } from './program.ts';
import type { RunResult } from './run-result.ts';
import { WARM_UP_BASE, WARM_UP_ENTRY, WARM_UP_HEX } from './warm-up-code.ts';

/** The warm-up's data and stack page (warm-up.S's DATA); its memory ends with it. */
const DATA = 0x20000;
const MEMORY_SIZE = 0x30000;

type MakeMachine = (mem: SandboxMemory, text: Program, handler: TrampolineHandler) => Machine;

/** Runs of warm-up.S's `prime` loop first: V8 gives a function its feedback vector only after it has
 * run a while (not in its first call), and records no feedback before; two runs were enough. */
const PRIME_RUNS = 3;
/** The private machine (kept alive on purpose, see above; never read); null until the warm-up ran. */
let kept: Machine | null = null;

export function warmUpCode(): Uint8Array {
  const code = new Uint8Array(WARM_UP_HEX.length >> 1);
  for (let k = 0; k < code.length; k++) code[k] = parseInt(WARM_UP_HEX.slice(2 * k, 2 * k + 2), 16);
  return code;
}

/** A new private machine with the warm-up program as its text (trampoline slot 0 returns at once, slot 1 ends the run). */
export function warmUpMachine(make: MakeMachine): Machine {
  // the buffer type of real sandboxes where the host has it (SandboxMemory's fields keep one type)
  const mem = new SandboxMemory(typeof SharedArrayBuffer === 'function' ? new SharedArrayBuffer(MEMORY_SIZE) : new ArrayBuffer(MEMORY_SIZE));
  mem.protect(DATA, MEMORY_SIZE - DATA, Perm.RW);
  return make(mem, new Program(warmUpCode(), WARM_UP_BASE), (slot, machine) => { if (slot === 1) machine.exit(0); });
}

/** Puts `m` at a warm-up entry: registers zero, the stack at the top of the data page. */
export function enterWarmUp(m: Machine, entry: number): void {
  m.state.R.fill(0);
  m.state.set64(4, DATA + 0xff00, 0);
  m.setRip(WARM_UP_BASE + entry);
}

/** Runs the warm-up program on a new private machine, kept afterwards; returns each run's result (for tests). */
export function runWarmUp(make: MakeMachine): RunResult[] {
  const m = warmUpMachine(make);
  const results: RunResult[] = [];
  for (let k = 0; k < PRIME_RUNS; k++) {
    enterWarmUp(m, WARM_UP_ENTRY.prime);
    results.push(m.run(1e6));
  }
  enterWarmUp(m, WARM_UP_ENTRY.warm_main);
  results.push(m.run(1e6));
  const entries = Object.entries(WARM_UP_ENTRY) as [string, number][];
  // budgets that end inside fused pairs, the nacljmp triple and a run of nops: single steps
  for (const [name, entry] of entries) {
    if (!name.startsWith('edge_')) continue;
    enterWarmUp(m, entry);
    m.state.set64(0, WARM_UP_BASE, 0);
    m.state.set64(1, 2, 0);
    for (let k = 0; k < 8; k++) {
      const r = m.run(1);
      if (r.kind !== 'budget-exhausted') { results.push(r); break; }
    }
  }
  for (const [name, entry] of entries) {
    if (!name.startsWith('fault_')) continue;
    enterWarmUp(m, entry);
    results.push(m.run(100));
  }
  kept = m;
  return results;
}

let started = false;

/** No warm-up in this process (benchmarks measuring a one-program process, like `zvm run`, with several machines). */
export function disableWarmUp(): void {
  started = true;
}

/** Runs the warm-up once per process (the first call does it; later calls return at once). A
 * failure only costs speed, never the real run (test/cpu/warm-up.test.ts checks every result). */
export function warmUpOnce(make: MakeMachine): void {
  if (started) return;
  started = true;
  try {
    runWarmUp(make);
  } catch {
    // (the real run goes on without it)
  }
}
