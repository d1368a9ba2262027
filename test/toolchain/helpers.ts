// Shared helpers of the toolchain tests: building with zvm cc (in process) and
// with the host gcc, and running nexes natively with test/toolchain/native-runner.c.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildNexe } from '../../src/toolchain/build-nexe.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const programsDir = path.join(repoRoot, 'bench', 'programs');
export const casesDir = path.join(repoRoot, 'test', 'toolchain', 'c-cases');

export function tempDir(tag: string): string {
  return mkdtempSync(path.join(tmpdir(), `zvm-cc-test-${tag}-`));
}

export interface RunResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: readonly string[], options: { cwd?: string; input?: string } = {}): RunResult {
  const r = spawnSync(cmd, args, { cwd: options.cwd, input: options.input, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 60_000 });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Builds with the host gcc and glibc (the reference behaviour). */
export function buildNative(sources: readonly string[], output: string, cflags: readonly string[] = ['-O2']): void {
  const r = run('gcc', [...cflags, '-o', output, ...sources, '-lm']);
  if (r.status !== 0) throw new Error(`native gcc failed:\n${r.stderr}`);
}

/** Builds a nexe with zvm cc (validated by our validator as part of the build). */
export async function buildZvm(sources: readonly string[], output: string, cflags: readonly string[] = ['-O2']): Promise<Uint8Array> {
  await buildNexe({ inputs: sources, output, cflags });
  return new Uint8Array(readFileSync(output));
}

/** Compiles the native runner (a host program that runs nexes with %r15 = 0). */
export function buildNativeRunner(dir: string): string {
  const out = path.join(dir, 'native-runner');
  const r = run('gcc', ['-O1', '-o', out, path.join(repoRoot, 'test', 'toolchain', 'native-runner.c')]);
  if (r.status !== 0) throw new Error(`cannot build the native runner:\n${r.stderr}`);
  return out;
}
