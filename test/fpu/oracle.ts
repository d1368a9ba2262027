// Builds and runs the C oracle (native/fpu-oracle.c) that evaluates operations on the host CPU.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'native', 'fpu-oracle.c');

let built: string | null = null;

export function oraclePath(): string {
  if (built) return built;
  const text = readFileSync(source);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), 'zerovm-ts-fpu');
  mkdirSync(dir, { recursive: true });
  const exe = path.join(dir, `fpu-oracle-${hash}`);
  if (!existsSync(exe)) {
    const tmp = `${exe}.${process.pid}`;
    const r = spawnSync('gcc', ['-O1', '-Wall', '-o', tmp, source], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gcc failed building the FPU oracle:\n${r.stderr}`);
    spawnSync('mv', [tmp, exe]);
  }
  built = exe;
  return exe;
}

/** Evaluate operation lines on the host; one output line per input line. */
export function runOracle(lines: readonly string[]): string[] {
  const r = spawnSync(oraclePath(), [], { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`FPU oracle failed: ${r.stderr}`);
  const out = r.stdout.split('\n');
  out.pop();
  if (out.length !== lines.length) throw new Error(`FPU oracle answered ${out.length} lines for ${lines.length}`);
  return out;
}
