// npm run bench (programs): each C program natively (gcc -O2) and under zvm (zvm cc -O2, run in a Session
// in this process) on the same input; prints both times and the slowdown, the number to drive down.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildNexe } from '../../src/toolchain/build-nexe.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const work = mkdtempSync(path.join(tmpdir(), 'zvm-bench-programs-'));
const text = Array.from({ length: 200_000 }, (_, i) => `w${(i * 7919) % 5000}${i % 11 === 0 ? '\n' : ' '}`).join('');
const workloads: { program: string; args: string[]; stdin?: string }[] = [
  { program: 'fib', args: ['27'] },
  { program: 'qsort', args: ['100000'] },
  { program: 'sha256', args: [], stdin: text },
  { program: 'wc', args: [], stdin: text },
  { program: 'nbody', args: ['5000'] },
];
const limits = { gets: 1e9, getSize: 1e12, puts: 1e9, putSize: 1e12 };

async function underZvm(nexe: Uint8Array, args: string[], stdin: string): Promise<{ ms: number; out: string; insns: number }> {
  const out = memorySink();
  const channels = [
    new Channel(memorySource(new TextEncoder().encode(stdin)), { alias: '/dev/stdin', type: 0, limits }),
    new Channel(out, { alias: '/dev/stdout', type: 0, limits }),
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits }),
  ];
  const t = performance.now();
  const r = await new Session(nexe, channels, { args }).run();
  return { ms: performance.now() - t, out: new TextDecoder().decode(out.bytes()), insns: r.instructions };
}

const rows: string[][] = [['program', 'args', 'native ms', 'zvm ms', 'slowdown', 'guest MIPS', 'same output']];
try {
  for (const w of workloads) {
    const src = path.join(here, `${w.program}.c`);
    const native = path.join(work, w.program);
    execFileSync('gcc', ['-O2', '-o', native, src, '-lm']);
    const nexePath = path.join(work, `${w.program}.nexe`);
    await buildNexe({ inputs: [src], output: nexePath, cflags: ['-O2'] });
    const t = performance.now();
    const n = spawnSync(native, w.args, { input: w.stdin ?? '', encoding: 'utf8' });
    const nativeMs = performance.now() - t;
    const z = await underZvm(new Uint8Array(readFileSync(nexePath)), [w.program, ...w.args], w.stdin ?? '');
    rows.push([
      w.program, w.args.join(' ') || `stdin ${w.stdin?.length ?? 0} B`, nativeMs.toFixed(1), z.ms.toFixed(1),
      `${(z.ms / nativeMs).toFixed(0)}x`, (z.insns / z.ms / 1000).toFixed(1), String(z.out === n.stdout),
    ]);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
console.log('(native time includes process start-up; zvm time is in-process: validate + load + run)');
