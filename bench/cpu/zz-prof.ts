import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Machine } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
execFileSync('gcc', ['-c', '-x', 'assembler-with-cpp', 'bench/cpu/loops.S', '-o', '/tmp/cpuw/l.o']);
execFileSync('objcopy', ['-O', 'binary', '-j', '.text', '/tmp/cpuw/l.o', '/tmp/cpuw/l.bin']);
const code = new Uint8Array(readFileSync('/tmp/cpuw/l.bin'));
const mem = new SandboxMemory();
mem.poke(0x20000, code); mem.protect(0x20000, 0x10000, Perm.RX); mem.protect(0x30000, 0x10000, Perm.RW);
const p = new Program(code, 0x20000);
const entry = Number(process.argv[2] ?? 0);
for (let k = 0; k < 4; k++) {
  const m = new Machine(mem, p);
  m.state.set64(7, 10_000_000, 0);
  m.setRip(0x20000 + entry);
  const c0 = process.cpuUsage();
  m.run(1e9);
  const u = process.cpuUsage(c0);
  console.log((m.state.icount / ((u.user + u.system) / 1000) / 1000).toFixed(1), 'MIPS');
}
