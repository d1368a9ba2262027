// Builds the hand-written NaCl fixtures: fixtures/src/<name>.S -> <out>/<name>.nexe
// with Debian binutils (as, ld). The output depends only on the sources: symbols
// are stripped (they would carry file names) and no build id is written.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stampNaClHeader } from './nacl-header.ts';

export const LD_FLAGS = [
  '-static', '-nostdlib', '-z', 'max-page-size=0x1000', '-z', 'noexecstack',
  '--build-id=none', '-z', 'norelro', '--strip-all',
] as const;

export interface FixturePaths {
  /** fixtures/ : holds nacl.inc, nacl.ld and src/ */
  fixturesDir: string;
  /** where the .nexe files go */
  outDir: string;
}

/** Names of all fixture programs (fixtures/src/<name>.S), sorted. */
export function fixtureNames(fixturesDir: string): string[] {
  return readdirSync(path.join(fixturesDir, 'src'))
    .filter((f) => f.endsWith('.S'))
    .map((f) => f.slice(0, -2))
    .sort();
}

/** Throws a clear error when `as` or `ld` cannot be run. */
export function checkBinutils(): void {
  for (const tool of ['as', 'ld']) {
    try {
      execFileSync(tool, ['--version'], { stdio: 'pipe' });
    } catch {
      throw new Error(`'${tool}' from GNU binutils is needed to build the fixtures (apt-get install binutils)`);
    }
  }
}

function run(tool: string, args: string[], cwd: string): void {
  try {
    execFileSync(tool, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed:\n${err.stderr?.toString() ?? err.message}`);
  }
}

/** Assembles, links and stamps one fixture; returns the nexe bytes (also written to outDir). */
export function buildFixture(name: string, paths: FixturePaths): Uint8Array {
  const work = mkdtempSync(path.join(tmpdir(), 'zvm-fixture-'));
  try {
    const obj = path.join(work, `${name}.o`);
    const linked = path.join(work, `${name}.elf`);
    // Relative source path and cwd = fixtures/, so nothing absolute reaches the object.
    run('as', ['--64', '-I', '.', '-o', obj, path.join('src', `${name}.S`)], paths.fixturesDir);
    run('ld', [...LD_FLAGS, '-T', 'nacl.ld', '-o', linked, obj], paths.fixturesDir);
    const image = new Uint8Array(readFileSync(linked));
    stampNaClHeader(image);
    mkdirSync(paths.outDir, { recursive: true });
    writeFileSync(path.join(paths.outDir, `${name}.nexe`), image);
    return image;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
