// Validator throughput: MB/s on NaCl's 1 MiB mixed-code blob and on the fixtures' text, and
// lines/s of `zvm validate --hex-lines`; ratios against the reference C DFA (118 MB/s here).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseNexe } from '../../src/elf/index.ts';
import { validateChunk, validateNexeText } from '../../src/validator/index.ts';

const REFERENCE_MBS = 118;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const shared = path.resolve(root, '..', 'shared', 'nacl');

/**
 * Best-of-rounds throughput in MB/s of validating `chunks` (each call's bytes summed), by wall
 * time and by this process's CPU time (the latter is steadier on a loaded machine).
 */
function throughput(chunks: Uint8Array[], validate: (c: Uint8Array) => boolean, minMs = 2000): { wall: number; cpu: number } {
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  let wall = 0;
  let cpu = 0;
  const until = performance.now() + minMs;
  let rounds = 0;
  while (performance.now() < until || rounds < 3) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    for (const c of chunks) validate(c);
    const c1 = process.cpuUsage(c0);
    const ms = performance.now() - t0;
    wall = Math.max(wall, bytes / 1e6 / (ms / 1000));
    cpu = Math.max(cpu, bytes / 1e6 / ((c1.user + c1.system) / 1e6));
    rounds++;
  }
  return { wall, cpu };
}

function mbsCells(t: { wall: number; cpu: number }): [string, string] {
  return [
    `${t.wall.toFixed(1)} MB/s wall, ${t.cpu.toFixed(1)} MB/s cpu`,
    `${((t.wall / REFERENCE_MBS) * 100).toFixed(1)}% / ${((t.cpu / REFERENCE_MBS) * 100).toFixed(1)}% of the C DFA`,
  ];
}

const rows: [string, string, string][] = [];

const blobPath = path.join(shared, 'bench-mixed-1MiB.bin');
if (existsSync(blobPath)) {
  const blob = new Uint8Array(readFileSync(blobPath));
  const r = validateChunk(blob, { deterministic: false });
  if (!r.valid) console.warn(`note: bench blob has ${r.errors.length} errors, first ${JSON.stringify(r.errors[0])}`);
  rows.push(['bench-mixed-1MiB.bin', ...mbsCells(throughput([blob], (c) => validateChunk(c, { deterministic: false }).valid))]);
  rows.push(['bench-mixed-1MiB.bin, no cache', ...mbsCells(throughput([blob], (c) => validateChunk(c, { deterministic: false, cache: false }).valid))]);
} else {
  rows.push(['bench-mixed-1MiB.bin', 'skipped', `${blobPath} absent`]);
}

const fixtureDir = path.join(root, 'fixtures');
const texts = existsSync(fixtureDir)
  ? readdirSync(fixtureDir).filter((f) => f.endsWith('.nexe')).map((f) => parseNexe(readFileSync(path.join(fixtureDir, f))).text.bytes)
  : [];
if (texts.length > 0) {
  const kb = (texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(1);
  rows.push([`fixtures text (${texts.length} files, ${kb} KiB)`, ...mbsCells(throughput(texts, (c) => validateNexeText(c).valid))]);
}

const corpusPath = path.join(shared, 'validator-corpus.jsonl');
if (existsSync(corpusPath)) {
  const hexes = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { hex: string }).hex);
  const lines: string[] = [];
  while (lines.length < 60000) lines.push(...hexes);
  const input = lines.join('\n') + '\n';
  const zvm = path.join(root, 'bin', 'zvm');
  const run = (text: string) => {
    const t0 = performance.now();
    const out = spawnSync(zvm, ['validate', '--nacl', '--hex-lines'], { input: text, encoding: 'utf8', maxBuffer: 1 << 28 });
    return { s: (performance.now() - t0) / 1000, got: out.stdout.split('\n').filter(Boolean).length };
  };
  const startup = Math.min(run('').s, run('').s);
  const full = run(input);
  if (full.got !== lines.length) console.warn(`note: --hex-lines answered ${full.got} of ${lines.length} lines`);
  rows.push([`--hex-lines (${lines.length} corpus lines)`, `${Math.round(lines.length / full.s)} lines/s incl. ${startup.toFixed(1)} s start-up`, 'goal >= 20000 lines/s']);
  rows.push(['--hex-lines after start-up', `${Math.round(lines.length / Math.max(full.s - startup, 1e-3))} lines/s`, '']);
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log(`validator (load average ${(await import('node:os')).loadavg()[0]!.toFixed(1)})`);
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
