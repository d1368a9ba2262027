// Runs a snippet case in the interpreter from the same state the native harness uses.
import { Machine } from '../../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../../src/cpu/memory.ts';
import { Program } from '../../../src/cpu/program.ts';
import { rflags, setStatusFlags } from '../../../src/cpu/flags.ts';
import { FaultKind } from '../../../src/cpu/fault.ts';
import type { NativeCase } from './native.ts';
import { CODE, SCRATCH, SCRATCH_SIZE, fillScratch, type SnippetOutcome } from './scratch.ts';

let mem: SandboxMemory | null = null;
const initial = new Uint8Array(SCRATCH_SIZE);

/** The signal the native run raises for each fault kind. */
const SIGNAL_OF: Record<string, number> = {
  [FaultKind.Divide]: 8,
  [FaultKind.InvalidOpcode]: 4,
  [FaultKind.Unmapped]: 11,
  [FaultKind.WriteProtected]: 11,
  [FaultKind.GeneralProtection]: 11,
  [FaultKind.SimdFloatingPoint]: 8,
  [FaultKind.X87FloatingPoint]: 8,
};

export function runInterpreted(c: NativeCase): SnippetOutcome {
  if (mem === null) {
    mem = new SandboxMemory();
    mem.protect(SCRATCH, SCRATCH_SIZE, Perm.RW);
  }
  fillScratch(initial, c.seed);
  mem.u8.set(initial, SCRATCH);
  mem.protect(CODE, c.code.length + 1, Perm.RX);
  const m = new Machine(mem, new Program(c.code, CODE));
  const s = m.state;
  c.regs.forEach((v, r) => s.setBig(r, v));
  setStatusFlags(s, c.flags);
  s.df = (c.flags >> 10) & 1;
  m.setRip(CODE);
  const r = m.run(50_000_000);
  if (r.kind === 'budget-exhausted') return { kind: 'sig', signal: 14 }; // as the harness's 1 s alarm
  if (r.kind !== 'fault') throw new Error(`snippet did not end: ${r.kind}`);
  const end = CODE + c.code.length;
  if (!(r.fault.kind === FaultKind.InvalidOpcode && r.fault.rip === end)) {
    return { kind: 'sig', signal: SIGNAL_OF[r.fault.kind] ?? -1 };
  }
  // (locals: the imported constants are module getters once transpiled, too slow for this loop)
  const out: string[] = [];
  const now = mem.u8.subarray(SCRATCH, SCRATCH + SCRATCH_SIZE);
  const was = initial;
  for (let i = 0, n = now.length; i < n; i++) {
    const b = now[i];
    if (b !== was[i]) out.push(`${i.toString(16)}:${b.toString(16)}`);
  }
  return { kind: 'ok', flags: rflags(s), regs: Array.from({ length: 16 }, (_, k) => s.getBig(k)), mem: out };
}
