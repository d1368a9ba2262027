// Quick loop-only timing for interpreter work (no native build, no fixtures): `npx tsx bench/cpu/loops-quick.ts [iters]`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Machine } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const tmp = mkdtempSync(path.join(tmpdir(), 'zvm-cpu-quick-'));
execFileSync('gcc', ['-c', '-x', 'assembler-with-cpp', path.join(here, 'loops.S'), '-o', path.join(tmp, 'l.o')]);
execFileSync('objcopy', ['-O', 'binary', '-j', '.text', path.join(tmp, 'l.o'), path.join(tmp, 'l.bin')]);
const symbols = new Map(execFileSync('nm', [path.join(tmp, 'l.o')], { encoding: 'utf8' }).trim().split('\n')
  .map((l) => l.split(' ')).map(([addr, , name]) => [name, parseInt(addr, 16)]));
const TEXT = 0x20000;
const code = new Uint8Array(readFileSync(path.join(tmp, 'l.bin')));
const mem = new SandboxMemory();
mem.poke(TEXT, code);
mem.protect(TEXT, 0x10000, Perm.RX);
mem.protect(0x30000, 0x10000, Perm.RW);
const program = new Program(code, TEXT);
const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const iters = Number(process.argv[2] ?? 5_000_000);
for (const name of ['alu_loop', 'mem_loop', 'mix_loop']) {
  let best = 0;
  for (let k = 0; k < 4; k++) {
    const m = new Machine(mem, program);
    m.state.set64(7, 1e9, 0);
    m.setRip(TEXT + symbols.get(name)!);
    const t0 = cpuMs();
    m.run(k === 0 ? 300_000 : iters);
    const ms = cpuMs() - t0;
    if (k > 0) best = Math.max(best, m.state.icount / ms / 1000);
  }
  console.log(`${name} ${best.toFixed(1)} MIPS`);
}
