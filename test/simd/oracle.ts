// Builds (once per source hash) and runs the native single-instruction oracle (native/oracle.c).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { REC } from './record.ts';

const source = path.join(path.dirname(fileURLToPath(import.meta.url)), 'native', 'oracle.c');
let exe: string | null = null;

function build(): string {
  if (exe) return exe;
  const text = readFileSync(source);
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 16);
  const dir = path.join(tmpdir(), 'zerovm-ts-simd');
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, `simd-oracle-${hash}`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}`;
    const r = spawnSync('gcc', ['-O1', '-Wall', '-o', tmp, source], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`gcc failed building the SIMD oracle:\n${r.stderr}`);
    renameSync(tmp, out);
  }
  exe = out;
  return out;
}

/** Runs every record (REC bytes each, concatenated) natively; returns the final records. */
export function runNative(records: Uint8Array): Uint8Array {
  const r = spawnSync(build(), [], { input: records, maxBuffer: records.length + 1024 });
  if (r.status !== 0) throw new Error(`SIMD oracle failed (status ${r.status}, signal ${r.signal})`);
  const out = new Uint8Array(r.stdout.buffer, r.stdout.byteOffset, r.stdout.length);
  if (out.length !== records.length) throw new Error(`SIMD oracle returned ${out.length} bytes for ${records.length}`);
  return out;
}
