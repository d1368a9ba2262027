// The interpreter's warm-up (src/cpu/warm-up.ts): its code is warm-up.S as the generator assembles
// it, it reaches every handler kind, and a program runs to the same end state whether exec first got
// hot on another program (V8 then throws exec's optimized code away mid-run when new kinds appear)
// or not. Speed is checked by benches only (bench/cpu/run.ts, process history table).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { K } from '../../src/cpu/kinds.ts';
import { Machine } from '../../src/cpu/machine.ts';
import { rflags } from '../../src/cpu/flags.ts';
import { enterWarmUp, runWarmUp, warmUpMachine } from '../../src/cpu/warm-up.ts';
import { WARM_UP_ENTRY } from '../../src/cpu/warm-up-code.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { loadBareMachine } from '../../src/session/bare-machine.ts';
import { warmUpCodeSource } from '../../scripts/lib/cpu-warm-up-build.ts';
import { helloHost } from './hello-host.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const make = (...a: ConstructorParameters<typeof Machine>): Machine => new Machine(...a);
type Internals = { ip: number };

/** Everything a run can change: registers, flags, the data page, XMM registers. */
function endState(m: Machine): { regs: number[]; flags: number; data: number[]; xmm: number[] } {
  return {
    regs: [...m.state.R],
    flags: rflags(m.state),
    data: [...m.mem.u8.subarray(0x20000, 0x30000)],
    xmm: [...m.simd.xmm],
  };
}

describe('interpreter warm-up', () => {
  it('src/cpu/warm-up-code.ts is src/cpu/warm-up.S assembled by scripts/gen-cpu-warm-up.ts', () => {
    expect(readFileSync(path.join(root, 'src', 'cpu', 'warm-up-code.ts'), 'utf8')).toBe(warmUpCodeSource(root));
  });

  it('each run ends where the program says: exits, then halts and faults of each kind', () => {
    const results = runWarmUp(make);
    const kinds = results.map((r) => (r.kind === 'fault' ? r.fault.kind : r.kind));
    const exits = results.filter((r) => r.kind === 'exited');
    expect(exits.length).toBe(4); // three prime runs and the main program
    expect(exits.every((r) => r.kind === 'exited' && r.code === 0)).toBe(true);
    for (const k of ['halt', 'invalid-opcode', 'divide-error', 'unmapped', 'bad-jump-target']) expect(kinds).toContain(k);
    expect(kinds).not.toContain('budget-exhausted'); // (the edges are single-stepped to their end)
    // the stack, load, store and string faults are at addresses in [2^31, 2^32)
    expect(results.filter((r) => r.kind === 'fault' && r.fault.kind === 'unmapped' && r.fault.address >= 2 ** 31 && r.fault.address < 2 ** 32).length).toBe(16);
  });

  it('reaches every handler kind', () => {
    const m = warmUpMachine(make);
    const seen = new Set<number>();
    for (const [name, entry] of Object.entries(WARM_UP_ENTRY)) {
      if (name.startsWith('test_')) continue;
      enterWarmUp(m, entry);
      for (let k = 0; k < 100_000; k++) {
        const ip = (m as unknown as Internals).ip;
        if (ip >= 0) seen.add(m.program.kind[ip]);
        if (m.run(1).kind !== 'budget-exhausted') break;
      }
    }
    const missing = Object.entries(K).filter(([, k]) => !seen.has(k) && k !== K.Invalid).map(([n]) => n);
    expect(missing).toEqual([]);
  });

  it('the main program ends in the same state after exec got hot on a loop of a few kinds (same machine)', () => {
    // reference: a machine that ran nothing before
    const fresh = warmUpMachine(make);
    enterWarmUp(fresh, WARM_UP_ENTRY.warm_main);
    expect(fresh.run(1e6)).toEqual({ kind: 'exited', code: 0 });
    const want = endState(fresh);
    // one machine: 3M instructions of add/xor/dec/jnz, then the main program (every kind)
    const m = warmUpMachine(make);
    enterWarmUp(m, WARM_UP_ENTRY.test_hot_loop);
    m.state.set64(1, 750_000, 0);
    const hot = m.run(1e8);
    expect(hot.kind === 'fault' && hot.fault.kind).toBe('halt');
    expect(m.state.icount).toBeGreaterThan(3_000_000);
    m.state.icount = 0; // (rdtsc reads it)
    enterWarmUp(m, WARM_UP_ENTRY.warm_main);
    expect(m.run(1e6)).toEqual({ kind: 'exited', code: 0 });
    expect(endState(m)).toEqual(want);
  });

  it('fixtures give their expected output after another program ran many times in the process', () => {
    const load = (name: string) => parseNexe(new Uint8Array(readFileSync(path.join(root, 'fixtures', `${name}.nexe`))));
    const spec = (name: string) => JSON.parse(readFileSync(path.join(root, 'fixtures', 'expected', `${name}.json`), 'utf8'));
    const runFixture = (name: string): void => {
      const host = helloHost();
      const { machine } = loadBareMachine(load(name), host.handler);
      expect(machine.run(50_000_000)).toEqual({ kind: 'exited', code: spec(name).exit });
      expect(new TextDecoder().decode(Uint8Array.from(host.stdout))).toBe(spec(name).stdout);
    };
    for (let k = 0; k < 4; k++) runFixture('calls'); // (the second machine starts the warm-up)
    for (const name of ['strings', 'checksum', 'hello-nacl', 'hello-trap', 'calls']) runFixture(name);
  });
});
