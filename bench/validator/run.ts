// Validator throughput: the fast walk (default) and the reference walk (`cache: false`) on NaCl's
// 1 MiB mixed-code blob and on the fixtures' text, and `--hex-lines` lines/s (in-process through
// the CLI's per-line function, and through a `zvm` child process). Each figure is the best of three
// fresh processes (row.ts); MB/s by wall time and by that process's CPU time (steadier on a loaded
// machine), with the ratio to the reference C DFA (118 MB/s on this machine class). Before
// measuring, the two walks must agree on the blob.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { validateChunk } from '../../src/validator/index.ts';
import { blobPath, corpusPath, HEX_LINES } from './row.ts';

const REFERENCE_MBS = 118;
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const rows: string[][] = [['input / walk', 'MB/s cpu', 'MB/s wall', 'cpu / C DFA', 'wall / C DFA']];
const notes: string[] = [];

/** The best of `processes` fresh processes (one process's JIT can land 20 % below another's). */
function measure(row: string, processes = 3): { cpu: number; wall: number } {
  let best = { cpu: 0, wall: 0 };
  for (let i = 0; i < processes; i++) {
    const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'row.ts'), row], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`bench/validator/row.ts ${row} failed: ${r.stderr}`);
    const got = JSON.parse(r.stdout) as { cpu: number; wall: number };
    best = { cpu: Math.max(best.cpu, got.cpu), wall: Math.max(best.wall, got.wall) };
  }
  return best;
}

function mbRow(name: string, row: string): string[] {
  const r = measure(row);
  const ratio = (v: number): string => `${((v / REFERENCE_MBS) * 100).toFixed(0)}%`;
  return [name, r.cpu.toFixed(1), r.wall.toFixed(1), ratio(r.cpu), ratio(r.wall)];
}

if (existsSync(blobPath)) {
  const blob = new Uint8Array(readFileSync(blobPath));
  const fast = validateChunk(blob, { deterministic: false });
  const reference = validateChunk(blob, { deterministic: false, cache: false });
  if (!fast.valid) notes.push(`bench blob: ${fast.errors.length} errors, first ${JSON.stringify(fast.errors[0])}`);
  if (JSON.stringify(fast.errors) !== JSON.stringify(reference.errors) || !fast.boundaries.every((b, i) => b === reference.boundaries[i])) {
    notes.push('bench blob: FAST AND REFERENCE WALKS DISAGREE');
  }
  rows.push(mbRow('bench-mixed-1MiB.bin, fast', 'blob-fast'));
  rows.push(mbRow('bench-mixed-1MiB.bin, fast, cold tables', 'blob-fast-cold'));
  rows.push(mbRow('bench-mixed-1MiB.bin, reference', 'blob-reference'));
} else {
  notes.push(`bench blob skipped: ${blobPath} absent`);
}

rows.push(mbRow('fixtures text (12 nexes), fast', 'fixtures-fast'));
rows.push(mbRow('fixtures text (12 nexes), reference', 'fixtures-reference'));

if (existsSync(corpusPath)) {
  const inProcess = measure('hex-lines');
  rows.push([`--hex-lines in-process (${HEX_LINES} corpus lines)`, `${Math.round(inProcess.cpu)} lines/s cpu`, `${Math.round(inProcess.wall)} lines/s wall`, '', '']);
  const hexes = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { hex: string }).hex);
  const lines: string[] = [];
  while (lines.length < HEX_LINES) lines.push(...hexes);
  const zvm = path.join(root, 'bin', 'zvm');
  const run = (text: string): { s: number; got: number } => {
    const t0 = performance.now();
    const out = spawnSync(zvm, ['validate', '--hex-lines'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
    return { s: (performance.now() - t0) / 1000, got: out.stdout.split('\n').filter(Boolean).length };
  };
  const startup = Math.min(run('').s, run('').s);
  const full = run(lines.join('\n') + '\n');
  if (full.got !== lines.length) notes.push(`--hex-lines answered ${full.got} of ${lines.length} lines`);
  rows.push([`zvm validate --hex-lines (child process)`, '', `${Math.round(lines.length / full.s)} lines/s wall`, `start-up ${startup.toFixed(2)} s`, '']);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
console.log(`validator throughput (load average ${loadavg()[0]!.toFixed(1)}; reference C DFA ${REFERENCE_MBS} MB/s; each row the best of 3 fresh processes)`);
for (const r of rows) console.log('  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
for (const n of notes) console.log(`note: ${n}`);
