// Assembles GNU-syntax x86-64 source into raw bytes (as + objcopy, in a temp dir), cached per source.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const dir = mkdtempSync(path.join(tmpdir(), 'zvm-asm-'));
const cache = new Map<string, Uint8Array>();
let n = 0;

export function assemble(source: string): Uint8Array {
  const hit = cache.get(source);
  if (hit) return hit;
  const base = path.join(dir, `a${n++}`);
  writeFileSync(`${base}.s`, `.text\n${source}\n`);
  execFileSync('as', ['--64', '-o', `${base}.o`, `${base}.s`]);
  execFileSync('objcopy', ['-O', 'binary', '-j', '.text', `${base}.o`, `${base}.bin`]);
  const bytes = new Uint8Array(readFileSync(`${base}.bin`));
  cache.set(source, bytes);
  return bytes;
}
