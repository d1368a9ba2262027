// One row of the validator benchmark, measured in a fresh process (run.ts starts one per row):
// the walks share helper functions, so a process that has run the reference walk runs the fast
// walk measurably slower, and a user validating a nexe gets the fast walk alone.
// Usage: row.ts <row>; prints {"work": N, "wall": per-second, "cpu": per-second} as JSON.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hexLineVerdict } from '../../src/cli/validate.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { clearFastWalkTables } from '../../src/validator/fast-walk.ts';
import { validateChunk, validateNexeText, type ValidateOptions } from '../../src/validator/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const naclDir = path.resolve(root, '..', 'shared', 'nacl');
export const blobPath = path.join(naclDir, 'bench-mixed-1MiB.bin');
export const corpusPath = path.join(naclDir, 'validator-corpus.jsonl');
export const HEX_LINES = 60000;

const FAST: ValidateOptions = { deterministic: false };
const REFERENCE: ValidateOptions = { deterministic: false, cache: false };

/** Best-of-rounds rate (units of `work` per second) of `round`, by wall and by this process's CPU time. */
function rate(work: number, round: () => void, minMs = 2500): { wall: number; cpu: number } {
  let wall = 0;
  let cpu = 0;
  const until = performance.now() + minMs;
  for (let rounds = 0; performance.now() < until || rounds < 3; rounds++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    round();
    const c1 = process.cpuUsage(c0);
    wall = Math.max(wall, work / ((performance.now() - t0) / 1000));
    cpu = Math.max(cpu, work / Math.max((c1.user + c1.system) / 1e6, 1e-6));
  }
  return { wall, cpu };
}

function fixtureTexts(): Uint8Array[] {
  const dir = path.join(root, 'fixtures');
  return readdirSync(dir).filter((f) => f.endsWith('.nexe')).map((f) => parseNexe(readFileSync(path.join(dir, f))).text.bytes);
}

function corpusLines(): string[] {
  const hexes = readFileSync(corpusPath, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { hex: string }).hex);
  const lines: string[] = [];
  while (lines.length < HEX_LINES) lines.push(...hexes);
  return lines;
}

const ROWS: Record<string, () => { work: number; round: () => void }> = {
  'blob-fast': () => {
    const blob = new Uint8Array(readFileSync(blobPath));
    return { work: blob.length / 1e6, round: () => validateChunk(blob, FAST) };
  },
  // Every round starts from empty tables: what one validation in a fresh process costs.
  'blob-fast-cold': () => {
    const blob = new Uint8Array(readFileSync(blobPath));
    return { work: blob.length / 1e6, round: () => (clearFastWalkTables(), validateChunk(blob, FAST)) };
  },
  'blob-reference': () => {
    const blob = new Uint8Array(readFileSync(blobPath));
    return { work: blob.length / 1e6, round: () => validateChunk(blob, REFERENCE) };
  },
  'fixtures-fast': () => {
    const texts = fixtureTexts();
    return { work: texts.reduce((n, t) => n + t.length, 0) / 1e6, round: () => texts.forEach((t) => validateNexeText(t)) };
  },
  'fixtures-reference': () => {
    const texts = fixtureTexts();
    return { work: texts.reduce((n, t) => n + t.length, 0) / 1e6, round: () => texts.forEach((t) => validateNexeText(t, { cache: false })) };
  },
  'hex-lines': () => {
    const lines = corpusLines();
    return { work: lines.length, round: () => lines.forEach((l) => hexLineVerdict(l, FAST)) };
  },
};

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const make = ROWS[process.argv[2] ?? ''];
  if (!make) {
    console.error(`row.ts: unknown row ${JSON.stringify(process.argv[2])}; rows: ${Object.keys(ROWS).join(', ')}`);
    process.exit(2);
  }
  const { work, round } = make();
  console.log(JSON.stringify({ work, ...rate(work, round) }));
}
