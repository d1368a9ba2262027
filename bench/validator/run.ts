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

/** Best-of-rounds throughput in MB/s of validating `chunks` (each call's bytes summed). */
function throughput(chunks: Uint8Array[], validate: (c: Uint8Array) => boolean, minMs = 1500): number {
  const bytes = chunks.reduce((n, c) => n + c.length, 0);
  let best = 0;
  const until = performance.now() + minMs;
  let rounds = 0;
  while (performance.now() < until || rounds < 3) {
    const t0 = performance.now();
    for (const c of chunks) validate(c);
    const ms = performance.now() - t0;
    best = Math.max(best, bytes / 1e6 / (ms / 1000));
    rounds++;
  }
  return best;
}

const rows: [string, string, string][] = [];

const blobPath = path.join(shared, 'bench-mixed-1MiB.bin');
if (existsSync(blobPath)) {
  const blob = new Uint8Array(readFileSync(blobPath));
  const r = validateChunk(blob, { deterministic: false });
  if (!r.valid) console.warn(`note: bench blob has ${r.errors.length} errors, first ${JSON.stringify(r.errors[0])}`);
  const mbs = throughput([blob], (c) => validateChunk(c, { deterministic: false }).valid);
  rows.push(['bench-mixed-1MiB.bin', `${mbs.toFixed(1)} MB/s`, `${((mbs / REFERENCE_MBS) * 100).toFixed(1)}% of C DFA`]);
} else {
  rows.push(['bench-mixed-1MiB.bin', 'skipped', `${blobPath} absent`]);
}

const fixtureDir = path.join(root, 'fixtures');
const texts = existsSync(fixtureDir)
  ? readdirSync(fixtureDir).filter((f) => f.endsWith('.nexe')).map((f) => parseNexe(readFileSync(path.join(fixtureDir, f))).text.bytes)
  : [];
if (texts.length > 0) {
  const mbs = throughput(texts, (c) => validateNexeText(c).valid);
  const kb = (texts.reduce((n, t) => n + t.length, 0) / 1024).toFixed(1);
  rows.push([`fixtures text (${texts.length} files, ${kb} KiB)`, `${mbs.toFixed(1)} MB/s`, `${((mbs / REFERENCE_MBS) * 100).toFixed(1)}% of C DFA`]);
}

const corpusPath = path.join(shared, 'validator-corpus.jsonl');
if (existsSync(corpusPath)) {
  const hexes = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { hex: string }).hex);
  const lines: string[] = [];
  while (lines.length < 60000) lines.push(...hexes);
  const input = lines.join('\n') + '\n';
  const t0 = performance.now();
  const out = spawnSync(path.join(root, 'bin', 'zvm'), ['validate', '--nacl', '--hex-lines'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  const s = (performance.now() - t0) / 1000;
  const got = out.stdout.split('\n').filter(Boolean).length;
  if (got !== lines.length) console.warn(`note: --hex-lines answered ${got} of ${lines.length} lines`);
  rows.push([`--hex-lines (${lines.length} corpus lines, incl. start-up)`, `${Math.round(lines.length / s)} lines/s`, 'goal >= 20000 lines/s']);
}

const w0 = Math.max(...rows.map((r) => r[0].length));
const w1 = Math.max(...rows.map((r) => r[1].length));
console.log('validator');
for (const [a, b, c] of rows) console.log(`  ${a.padEnd(w0)}  ${b.padStart(w1)}  ${c}`);
