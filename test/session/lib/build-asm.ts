// Builds small NaCl test programs with GNU as/ld the way the fixtures are built (fixtures/nacl.inc,
// fixtures/nacl.ld, the fixture linker flags and NaCl header stamp). Results are cached by source
// hash in one temp directory shared by test processes (written under a private name, then renamed).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LD_FLAGS } from '../../../scripts/lib/fixture-build.ts';
import { stampNaClHeader } from '../../../scripts/lib/nacl-header.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const fixturesDir = path.join(repoRoot, 'fixtures');
const cacheDir = path.join(tmpdir(), 'zvm-session-asm');

function run(tool: string, args: string[]): void {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    throw new Error(`${tool} ${args.join(' ')} failed:\n${err.stderr?.toString() ?? err.message}`);
  }
}

/** Assembles and links `source` (GNU as syntax, may .include "nacl.inc"); returns the nexe bytes. */
export function buildAsm(source: string): Uint8Array {
  const key = createHash('sha1').update(source).digest('hex').slice(0, 16);
  const nexe = path.join(cacheDir, `${key}.nexe`);
  if (existsSync(nexe)) return new Uint8Array(readFileSync(nexe));
  mkdirSync(cacheDir, { recursive: true });
  const tmp = path.join(cacheDir, `${key}.${process.pid}`);
  try {
    writeFileSync(`${tmp}.S`, source);
    run('as', ['--64', '-I', fixturesDir, '-o', `${tmp}.o`, `${tmp}.S`]);
    run('ld', [...LD_FLAGS, '-T', path.join(fixturesDir, 'nacl.ld'), '-o', `${tmp}.elf`, `${tmp}.o`]);
    const image = new Uint8Array(readFileSync(`${tmp}.elf`));
    stampNaClHeader(image);
    writeFileSync(`${tmp}.nexe`, image);
    renameSync(`${tmp}.nexe`, nexe);
    return image;
  } finally {
    for (const ext of ['S', 'o', 'elf', 'nexe']) rmSync(`${tmp}.${ext}`, { force: true });
  }
}

/** Builds test/session/asm/<name>.S. */
export function buildAsmFile(name: string): Uint8Array {
  return buildAsm(readFileSync(path.join(repoRoot, 'test', 'session', 'asm', `${name}.S`), 'utf8'));
}
