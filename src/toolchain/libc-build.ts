// Builds our libc (libc/src/*.c, *.s) through the same pipeline as user code
// into one archive, cached by the hash of its sources, headers and the toolchain.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import path from 'node:path';
import { cacheRoot, contentKey, listFiles, toolchainKey } from './build-cache.ts';
import { compileToObject } from './compile.ts';
import { LIBC_CFLAGS } from './gcc-flags.ts';
import { inParallel } from './in-parallel.ts';
import { libcDir } from './paths.ts';
import { runTool } from './run-tool.ts';

export const LIBC_SOURCE_DIR = path.join(libcDir, 'src');

/** Returns the path of the built libc.a, building it unless the cache has it. */
export async function buildLibc(verbose = false): Promise<string> {
  const files = listFiles(libcDir);
  const key = contentKey(libcDir, files, [toolchainKey(), ...LIBC_CFLAGS]);
  const dir = path.join(cacheRoot(), `libc-${key}`);
  const archive = path.join(dir, 'libc.a');
  if (existsSync(archive)) return archive;

  mkdirSync(cacheRoot(), { recursive: true });
  // One builder at a time (parallel test workers, several zvm cc runs); the others wait for it.
  const lock = `${dir}.lock`;
  if (!(await acquireLock(lock, archive))) return archive;
  try {
    return await buildInto(dir, archive, verbose);
  } finally {
    rmSync(lock, { force: true });
  }
}

const STALE_LOCK_MS = 5 * 60_000;

/** True when we hold the lock; false when another process finished the archive meanwhile. */
async function acquireLock(lock: string, archive: string): Promise<boolean> {
  for (;;) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      if (existsSync(archive)) return false;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) rmSync(lock, { force: true });
      } catch {
        // the lock went away between the calls: try again
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function buildInto(dir: string, archive: string, verbose: boolean): Promise<string> {
  if (existsSync(archive)) return archive;
  const work = mkdtempSync(path.join(cacheRoot(), 'building-'));
  try {
    const sources = listFiles(LIBC_SOURCE_DIR).filter((f) => /\.(c|s|S)$/.test(f));
    const objects = sources.map((f) => path.join(work, `${f.replace(/[/.]/g, '_')}.o`));
    await inParallel(sources.map((f, i) => [f, objects[i]!] as const), Math.max(1, cpus().length), ([src, obj]) =>
      compileToObject(path.join(LIBC_SOURCE_DIR, src), obj, { cflags: LIBC_CFLAGS, workDir: work, verbose }));
    runTool('ar', ['rcsD', path.join(work, 'libc.a'), ...objects], verbose);
    for (const f of readdirSync(work)) if (f !== 'libc.a') rmSync(path.join(work, f));
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
  // publish atomically: a concurrent build that got there first wins
  try {
    renameSync(work, dir);
  } catch {
    rmSync(work, { recursive: true, force: true });
    if (!existsSync(archive)) throw new Error(`cannot store the built libc in ${dir}`);
  }
  return archive;
}
