// The bench programs' workloads, shared by bench/programs/quick.ts and bench/cpu/history.ts: their
// inputs (sized by the caller), their nexes (built once with zvm cc -O2 and cached in
// $TMPDIR/zvm-bench-quick: delete it after changing the programs or the toolchain) and their channels.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import { buildNexe } from '../../src/toolchain/build-nexe.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Workload {
  args: string[];
  stdin?: string;
}

/** Arguments of fib, qsort and nbody, and the number of words sha256 and wc read. */
export function programWorkloads(size: { fib: number; qsort: number; words: number; nbody: number }): Record<string, Workload> {
  const text = Array.from({ length: size.words }, (_, i) => `w${(i * 7919) % 5000}${i % 11 === 0 ? '\n' : ' '}`).join('');
  return {
    fib: { args: [String(size.fib)] },
    qsort: { args: [String(size.qsort)] },
    sha256: { args: [], stdin: text },
    wc: { args: [], stdin: text },
    nbody: { args: [String(size.nbody)] },
  };
}

/** The nexe of bench/programs/<name>.c. */
export async function programNexe(name: string): Promise<Uint8Array> {
  const cache = path.join(tmpdir(), 'zvm-bench-quick');
  mkdirSync(cache, { recursive: true });
  const nexePath = path.join(cache, `${name}.nexe`);
  if (!existsSync(nexePath)) await buildNexe({ inputs: [path.join(here, `${name}.c`)], output: nexePath, cflags: ['-O2'] });
  return new Uint8Array(readFileSync(nexePath));
}

const LIMITS = { gets: 1e9, getSize: 1e12, puts: 1e9, putSize: 1e12 };

/** stdin with the workload's input, stdout into `stdout` (or discarded), stderr discarded. */
export function workloadChannels(w: Workload, stdout = memorySink()): Channel[] {
  return [
    new Channel(memorySource(new TextEncoder().encode(w.stdin ?? '')), { alias: '/dev/stdin', type: 0, limits: LIMITS }),
    new Channel(stdout, { alias: '/dev/stdout', type: 0, limits: LIMITS }),
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits: LIMITS }),
  ];
}
