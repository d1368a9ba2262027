// Differential runs of csmith programs: the host gcc build run natively is the
// reference; the zvm cc build run by zvm must print the same and exit the same.
// Shared by scripts/csmith-campaign.ts and test/toolchain/csmith.test.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const zvmBin = path.join(repoRoot, 'bin', 'zvm');
export const CSMITH_INCLUDE = '/usr/include/csmith';
export const CSMITH_INSTALL_HINT = 'csmith is not installed: apt-get install -y csmith libcsmith-dev';

/** Why csmith cannot be used here, or undefined when it can. */
export function csmithMissing(): string | undefined {
  const r = spawnSync('csmith', ['--version'], { cwd: tmpdir(), encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0) return CSMITH_INSTALL_HINT;
  if (!existsSync(path.join(CSMITH_INCLUDE, 'csmith.h'))) return `${CSMITH_INCLUDE}/csmith.h is missing: apt-get install -y csmith libcsmith-dev`;
  return undefined;
}

export interface Outcome {
  /** Exit status, or 128 + signal number, or 'timeout'. */
  status: number | 'timeout';
  stdout: string;
  stderr: string;
  ms: number;
}

const SIGNALS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGSEGV: 11, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15 };

/** Runs a command asynchronously with a wall-clock limit (the whole process group is killed at the limit). */
export function runCommand(cmd: string, args: readonly string[], timeoutMs: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {}
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const status: number | 'timeout' = timedOut ? 'timeout' : code ?? 128 + (SIGNALS[signal ?? ''] ?? 0);
      resolve({ status, stdout: Buffer.concat(out).toString('latin1'), stderr: Buffer.concat(err).toString('latin1'), ms: performance.now() - start });
    });
  });
}

/**
 * Writes csmith's program for a seed to file (extra csmith options such as --float). csmith runs
 * in the file's directory: it leaves a platform.info in its working directory.
 */
export function generateProgram(seed: number, options: readonly string[], file: string): void {
  const r = spawnSync('csmith', ['--seed', String(seed), ...options], { cwd: path.dirname(file), encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error !== undefined || r.status !== 0) throw new Error(`csmith --seed ${seed} ${options.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
  writeFileSync(file, r.stdout);
}

/**
 * The same program with every `long` integer literal made `long long` (1L -> 1LL, 2UL -> 2ULL), and
 * the `long` bit builtins their `long long` forms (__builtin_ffsl -> __builtin_ffsll). csmith's
 * literals carry L/UL suffixes, whose type is 64-bit on the LP64 host but 32-bit under NaCl's ILP32
 * ABI, so the C semantics differ (e.g. `x < 0xF4ADC2F5L` is signed 64-bit on the host, unsigned
 * 32-bit in a nexe). With long long the program means the same on both.
 */
export function withLongLongLiterals(source: string): string {
  return source
    .replace(/(?<![\w.])((?:0[xX][0-9A-Fa-f]+)|(?:[0-9]+))([uU]?)[lL](?![\w.])/g, '$1$2LL')
    .replace(/\b(__builtin_(?:ffs|clz|ctz|clrsb|popcount|parity))l\b/g, '$1ll')
    .replace(/\b__builtin_labs\b/g, '__builtin_llabs');
}

/** Builds with the host gcc; returns gcc's diagnostics on failure. */
export async function buildNative(source: string, output: string, flags: readonly string[]): Promise<string | undefined> {
  const r = await runCommand('gcc', [...flags, '-w', `-I${CSMITH_INCLUDE}`, source, '-o', output], 120_000);
  return r.status === 0 ? undefined : r.stderr.trim() || `gcc exit ${r.status}`;
}

/** Builds with zvm cc; returns its diagnostics on failure. */
export async function buildZvm(source: string, output: string, flags: readonly string[]): Promise<string | undefined> {
  const r = await runCommand(zvmBin, ['cc', ...flags, '-w', `-I${CSMITH_INCLUDE}`, source, '-o', output], 300_000);
  return r.status === 0 ? undefined : r.stderr.trim() || `zvm cc exit ${r.status}`;
}

/** Runs a nexe with zvm exec (its own wall-clock limit, reported as 'timeout'). */
export async function runZvm(nexe: string, timeoutMs: number, args: readonly string[] = []): Promise<Outcome> {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  const r = await runCommand(zvmBin, ['exec', '--timeout', String(seconds), nexe, ...args], timeoutMs + 30_000);
  return r.status === 124 ? { ...r, status: 'timeout' } : r;
}

/**
 * A one-line reason for a failed zvm cc build, with file names and line numbers taken out so that
 * equal causes count together ("cannot sandbox 'xyz': reason", "gcc: error ...").
 */
export function failureReason(diagnostics: string): string {
  const lines = diagnostics.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  const key = lines.find((l) => /cannot sandbox|error|rejected|invalid/i.test(l)) ?? lines[0] ?? '(no message)';
  return key
    .replace(/^\S+\.(?:c|s|h):\d+(?::\d+)?:\s*/, '')
    .replace(/0x[0-9a-f]+/gi, 'N')
    .replace(/\b\d+\b/g, 'N')
    .slice(0, 160);
}
