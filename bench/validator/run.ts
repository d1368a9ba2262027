// Validator throughput: the fast walk (default) and the reference walk (`cache: false`) on NaCl's
// 1 MiB mixed-code blob and on the fixtures' text, and `--hex-lines` lines/s (in-process through
// the CLI's per-line function, and through a `zvm` child process); MB/s by wall time and by this
// process's CPU time (steadier on a loaded machine), with the ratio to the reference C DFA
// (118 MB/s on this machine class).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hexLineVerdict } from '../../src/cli/validate.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { clearFastWalkTables } from '../../src/validator/fast-walk.ts';
import { validateChunk, validateNexeText, type ValidateOptions } from '../../src/validator/index.ts';

const REFERENCE_MBS = 118;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(root, '..', 'shared', 'nacl');

interface Rate {
  wall: number;
  cpu: number;
}

/** Best-of-rounds rate (units of `work` per second) of running `round`, by wall and by CPU time. */
function rate(work: number, round: () => void, minMs = 2500): Rate {
  let wall = 0;
  let cpu = 0;
  const until = performance.now() + minMs;
  for (let rounds = 0; performance.now() < until || rounds < 3; rounds++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    round();
    const c1 = process.cpuUsage(c0);
    const s = (performance.now() - t0) / 1000;
    wall = Math.max(wall, work / s);
    cpu = Math.max(cpu, work / Math.max((c1.user + c1.system) / 1e6, 1e-6));
  }
  return { wall, cpu };
}

function mbRow(name: string, bytes: number, round: () => void): string[] {
  const r = rate(bytes / 1e6, round);
  return [name, `${r.cpu.toFixed(1)}`, `${r.wall.toFixed(1)}`, `${((r.cpu / REFERENCE_MBS) * 100).toFixed(0)}%`, `${((r.wall / REFERENCE_MBS) * 100).toFixed(0)}%`];
}

const FAST: ValidateOptions = { deterministic: false };
const REFERENCE: ValidateOptions = { deterministic: false, cache: false };
const rows: string[][] = [['input / walk', 'MB/s cpu', 'MB/s wall', 'cpu / C DFA', 'wall / C DFA']];
const notes: string[] = [];

const blobPath = path.join(shared, 'bench-mixed-1MiB.bin');
if (existsSync(blobPath)) {
  const blob = new Uint8Array(readFileSync(blobPath));
  const fast = validateChunk(blob, FAST);
  const reference = validateChunk(blob, REFERENCE);
  if (!fast.valid) notes.push(`bench blob: ${fast.errors.length} errors, first ${JSON.stringify(fast.errors[0])}`);
  if (JSON.stringify(fast.errors) !== JSON.stringify(reference.errors) || !fast.boundaries.every((b, i) => b === reference.boundaries[i])) {
    notes.push('bench blob: FAST AND REFERENCE WALKS DISAGREE');
  }
  rows.push(mbRow('bench-mixed-1MiB.bin, fast', blob.length, () => validateChunk(blob, FAST)));
  // Every round starts from empty tables: what one validation in a fresh process costs.
  rows.push(mbRow('bench-mixed-1MiB.bin, fast, cold tables', blob.length, () => {
    clearFastWalkTables();
    validateChunk(blob, FAST);
  }));
  rows.push(mbRow('bench-mixed-1MiB.bin, reference', blob.length, () => validateChunk(blob, REFERENCE)));
} else {
  notes.push(`bench blob skipped: ${blobPath} absent`);
}

const fixtureDir = path.join(root, 'fixtures');
const texts = existsSync(fixtureDir)
  ? readdirSync(fixtureDir).filter((f) => f.endsWith('.nexe')).map((f) => parseNexe(readFileSync(path.join(fixtureDir, f))).text.bytes)
  : [];
if (texts.length > 0) {
  const bytes = texts.reduce((n, t) => n + t.length, 0);
  const name = `fixtures text (${texts.length} files, ${(bytes / 1024).toFixed(1)} KiB)`;
  rows.push(mbRow(`${name}, fast`, bytes, () => texts.forEach((t) => validateNexeText(t))));
  rows.push(mbRow(`${name}, reference`, bytes, () => texts.forEach((t) => validateNexeText(t, { cache: false }))));
}

const corpusPath = path.join(shared, 'validator-corpus.jsonl');
if (existsSync(corpusPath)) {
  const hexes = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { hex: string }).hex);
  const lines: string[] = [];
  while (lines.length < 60000) lines.push(...hexes);
  const inProcess = rate(lines.length, () => lines.forEach((l) => hexLineVerdict(l, FAST)));
  rows.push([`--hex-lines in-process (${lines.length} corpus lines)`, `${Math.round(inProcess.cpu)} lines/s cpu`, `${Math.round(inProcess.wall)} lines/s wall`, '', '']);
  const zvm = path.join(root, 'bin', 'zvm');
  const run = (text: string): { s: number; got: number } => {
    const t0 = performance.now();
    const out = spawnSync(zvm, ['validate', '--nacl', '--hex-lines'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
    return { s: (performance.now() - t0) / 1000, got: out.stdout.split('\n').filter(Boolean).length };
  };
  const startup = Math.min(run('').s, run('').s);
  const full = run(lines.join('\n') + '\n');
  if (full.got !== lines.length) notes.push(`--hex-lines answered ${full.got} of ${lines.length} lines`);
  rows.push([`zvm validate --hex-lines (child process)`, '', `${Math.round(lines.length / full.s)} lines/s wall`, `start-up ${startup.toFixed(1)} s`, '']);
}

const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
console.log(`validator throughput (load average ${loadavg()[0]!.toFixed(1)}; reference C DFA ${REFERENCE_MBS} MB/s)`);
for (const r of rows) console.log('  ' + r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  '));
for (const n of notes) console.log(`note: ${n}`);
