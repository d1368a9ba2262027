// A build cache keyed by content: the toolchain's own sources, the flags and the
// inputs. Kept in the system temp folder unless ZVM_CC_CACHE names another place.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { toolchainDir } from './paths.ts';

export function cacheRoot(): string {
  return process.env['ZVM_CC_CACHE'] ?? path.join(tmpdir(), `zvm-cc-cache-${userInfo().uid}`);
}

/** Every file under `dir` (recursively), sorted, as paths relative to `dir`. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** A hash of the named files' paths and contents plus extra strings. */
export function contentKey(dir: string, files: readonly string[], extra: readonly string[]): string {
  const h = createHash('sha256');
  for (const s of extra) h.update(`${s}\0`);
  for (const f of files) {
    h.update(`${f}\0`);
    h.update(readFileSync(path.join(dir, f)));
  }
  return h.digest('hex').slice(0, 24);
}

/** Changes whenever the toolchain code changes, so stale objects are never reused. */
export function toolchainKey(): string {
  return contentKey(toolchainDir, listFiles(toolchainDir).filter((f) => f.endsWith('.ts')), []);
}
