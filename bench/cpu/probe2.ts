import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Machine } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
execFileSync('as', ['bench/cpu/loops.S', '-o', '/tmp/cpuw/loops.o']);
execFileSync('objcopy', ['-O', 'binary', '-j', '.text', '/tmp/cpuw/loops.o', '/tmp/cpuw/loops.bin']);
const code = new Uint8Array(readFileSync('/tmp/cpuw/loops.bin'));
const mem = new SandboxMemory();
mem.poke(0x20000, code); mem.protect(0x20000, 0x10000, Perm.RX); mem.protect(0x30000, 0x10000, Perm.RW);
const p = new Program(code, 0x20000);
for (const [name, off] of [['alu', 0], ['mem', 32]] as const) {
  for (let k = 0; k < 3; k++) {
    const m = new Machine(mem, p);
    m.state.set64(7, 5_000_000, 0);
    m.setRip(0x20000 + off);
    const c0 = process.cpuUsage(); const t0 = performance.now();
    const r = m.run(1e9);
    const cpu = (process.cpuUsage(c0).user) / 1000; const wall = performance.now() - t0;
    console.log(name, r.kind, m.state.icount, 'cpu ms', cpu.toFixed(0), 'wall', wall.toFixed(0), 'MIPS(cpu)', (m.state.icount / cpu / 1000).toFixed(1));
  }
}
