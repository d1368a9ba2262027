// npx tsx scripts/csmith-campaign.ts [--seeds A-B] [--levels -O0,-O1,-O2,-Os,-O3]
//   [--variants default,float] [--jobs N] [--native-timeout S] [--zvm-timeout S] [--dir DIR] [--json FILE]
// Differential campaign: csmith programs built with the host gcc (run natively: the reference) and
// with zvm cc (run by zvm exec) must print the same and exit the same. Seeds whose native run exceeds
// --native-timeout are skipped; a native crash (SIGFPE after --no-safe-math) must be a crash with
// the same status under zvm too. A mismatch is classified by running the same nexe natively
// (test/toolchain/native-runner.c): if that agrees with the host build, zvm exec is wrong
// ('interpreter'); if it agrees with zvm exec, the nexe itself computes something else, and the
// program is retried with long long literals to tell NaCl's ILP32 `long` ('ilp32-long') from a
// toolchain or libc bug ('toolchain').
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildNative, buildZvm, csmithMissing, failureReason, generateProgram, repoRoot, runCommand, runZvm, withLongLongLiterals,
  type Outcome,
} from './lib/csmith-diff.ts';

/** csmith options and the extra gcc/zvm cc flags their programs need. */
const VARIANTS: Record<string, { csmith: string[]; cflags: string[] }> = {
  default: { csmith: [], cflags: [] },
  float: { csmith: ['--float'], cflags: [] },
  // raw arithmetic: undefined behaviour gcc may exploit differently for x32; most telling at -O0
  nosafe: { csmith: ['--no-safe-math'], cflags: [] },
  // __builtin_ia32_crc32qi needs SSE4.2
  builtins: { csmith: ['--builtins'], cflags: ['-msse4.2'] },
  big: { csmith: ['--max-funcs', '20', '--max-block-depth', '6', '--max-expr-complexity', '14'], cflags: [] },
};

interface Config {
  seeds: number[];
  levels: string[];
  variants: string[];
  jobs: number;
  nativeTimeoutMs: number;
  zvmTimeoutMs: number;
  dir: string;
  json: string | undefined;
  keep: boolean;
}

type Verdict =
  | { kind: 'equal'; nativeMs: number; zvmMs: number }
  | { kind: 'native-timeout' }
  | { kind: 'native-build-failed'; reason: string }
  | { kind: 'zvm-build-failed'; reason: string }
  | { kind: 'zvm-timeout'; nativeMs: number }
  | { kind: 'mismatch'; cause: 'interpreter' | 'toolchain' | 'ilp32-long' | 'unknown'; detail: string };

interface Result {
  seed: number;
  variant: string;
  level: string;
  verdict: Verdict;
}

function parseArgs(argv: string[]): Config {
  const c: Config = {
    seeds: range(1, 100), levels: ['-O0', '-O1', '-O2', '-Os', '-O3'], variants: ['default'], jobs: Math.max(1, cpus().length),
    nativeTimeoutMs: 2000, zvmTimeoutMs: 120_000, dir: path.join(tmpdir(), 'zvm-csmith'), json: undefined, keep: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--seeds') c.seeds = v().split(',').flatMap((part) => {
      const m = /^(\d+)(?:-(\d+))?$/.exec(part);
      if (m === null) throw new Error(`--seeds: '${part}' is not N or A-B`);
      return range(Number(m[1]), Number(m[2] ?? m[1]));
    });
    else if (a === '--levels') c.levels = v().split(',');
    else if (a === '--variants') {
      c.variants = v().split(',');
      for (const x of c.variants) if (!(x in VARIANTS)) throw new Error(`--variants: unknown '${x}' (${Object.keys(VARIANTS).join(', ')})`);
    } else if (a === '--jobs') c.jobs = Number(v());
    else if (a === '--native-timeout') c.nativeTimeoutMs = Number(v()) * 1000;
    else if (a === '--zvm-timeout') c.zvmTimeoutMs = Number(v()) * 1000;
    else if (a === '--dir') c.dir = path.resolve(v());
    else if (a === '--json') c.json = path.resolve(v());
    else if (a === '--keep') c.keep = true;
    else throw new Error(`unknown option '${a}'`);
  }
  return c;
}

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

const same = (a: Outcome, b: Outcome): boolean => a.status === b.status && a.stdout === b.stdout;
const show = (o: Outcome): string => `status ${o.status}, ${JSON.stringify(o.stdout.trim().slice(-60))}`;

/** Builds and runs one program at one level both ways; the caller deletes the files. */
async function compare(source: string, stem: string, flags: readonly string[], c: Config, runner: string): Promise<Verdict> {
  const nativeExe = `${stem}.native`;
  const nexe = `${stem}.nexe`;
  const nb = await buildNative(source, nativeExe, flags);
  if (nb !== undefined) return { kind: 'native-build-failed', reason: failureReason(nb) };
  const native = await runCommand(nativeExe, [], c.nativeTimeoutMs);
  if (native.status === 'timeout') return { kind: 'native-timeout' };
  const zb = await buildZvm(source, nexe, flags);
  if (zb !== undefined) return { kind: 'zvm-build-failed', reason: failureReason(zb) };
  const zvm = await runZvm(nexe, c.zvmTimeoutMs);
  if (zvm.status === 'timeout') return { kind: 'zvm-timeout', nativeMs: Math.round(native.ms) };
  if (same(native, zvm)) return { kind: 'equal', nativeMs: Math.round(native.ms), zvmMs: Math.round(zvm.ms) };
  const detail = `native ${show(native)}; zvm ${show(zvm)}${zvm.stderr ? ` stderr ${JSON.stringify(zvm.stderr.trim().slice(0, 120))}` : ''}`;
  const onCpu = await runCommand(runner, [nexe], Math.max(10_000, c.nativeTimeoutMs * 5));
  if (same(onCpu, native)) return { kind: 'mismatch', cause: 'interpreter', detail };
  if (!same(onCpu, zvm)) return { kind: 'mismatch', cause: 'unknown', detail: `${detail}; nexe on the CPU ${show(onCpu)}` };
  // The nexe computes the other answer on the real CPU too: NaCl's ILP32 `long`, or the toolchain.
  const llSource = `${stem}-ll.c`;
  writeFileSync(llSource, withLongLongLiterals(readFileSync(source, 'latin1')), 'latin1');
  if ((await buildNative(llSource, nativeExe, flags)) === undefined && (await buildZvm(llSource, nexe, flags)) === undefined) {
    const n2 = await runCommand(nativeExe, [], c.nativeTimeoutMs * 2);
    const r2 = await runCommand(runner, [nexe], Math.max(10_000, c.nativeTimeoutMs * 5));
    if (n2.status !== 'timeout' && same(n2, r2)) return { kind: 'mismatch', cause: 'ilp32-long', detail };
  }
  return { kind: 'mismatch', cause: 'toolchain', detail };
}

async function runSeed(seed: number, variant: string, c: Config, runner: string): Promise<Result[]> {
  const stem = path.join(c.dir, `${variant}-${seed}`);
  const source = `${stem}.c`;
  const { csmith, cflags } = VARIANTS[variant]!;
  generateProgram(seed, csmith, source);
  const results: Result[] = [];
  for (const level of c.levels) {
    const verdict = await compare(source, `${stem}${level}`, [level, ...cflags], c, runner);
    results.push({ seed, variant, level, verdict });
    if (!c.keep || verdict.kind === 'equal' || verdict.kind === 'native-timeout') {
      for (const ext of ['.native', '.nexe', '-ll.c']) rmSync(`${stem}${level}${ext}`, { force: true });
    }
    if (verdict.kind === 'native-timeout') break; // the other levels loop as long
  }
  if (!c.keep && results.every((r) => r.verdict.kind === 'equal' || r.verdict.kind === 'native-timeout')) rmSync(source, { force: true });
  return results;
}

function label(v: Verdict): string {
  switch (v.kind) {
    case 'mismatch': return `mismatch (${v.cause})`;
    case 'zvm-build-failed': return `zvm cc failed: ${v.reason}`;
    case 'native-build-failed': return `gcc failed: ${v.reason}`;
    default: return v.kind;
  }
}

function summarize(c: Config, results: Result[], seconds: number): void {
  const tally = new Map<string, number>();
  for (const r of results) tally.set(label(r.verdict), (tally.get(label(r.verdict)) ?? 0) + 1);
  const compared = results.filter((r) => r.verdict.kind === 'equal' || r.verdict.kind === 'mismatch' || r.verdict.kind === 'zvm-timeout').length;
  console.log(`\ncsmith campaign: ${c.seeds.length} seeds x ${c.variants.join('+')} x ${c.levels.join(' ')} in ${seconds.toFixed(0)} s`);
  console.log(`  programs x levels tried : ${results.length}`);
  console.log(`  compared (native ran)   : ${compared}`);
  for (const [k, n] of [...tally].sort((a, b) => b[1] - a[1])) console.log(`  ${k.padEnd(24)}: ${n}`);
  const bad = results.filter((r) => r.verdict.kind !== 'equal' && r.verdict.kind !== 'native-timeout');
  if (bad.length > 0) {
    console.log('\nnot equal:');
    for (const r of bad) {
      const v = r.verdict;
      const extra = v.kind === 'mismatch' ? `: ${v.detail}` : v.kind === 'zvm-timeout' ? ` (native ${v.nativeMs} ms)` : '';
      console.log(`  seed ${r.seed} ${r.variant} ${r.level}  ${label(v)}${extra}`);
    }
  }
}

async function main(): Promise<number> {
  const c = parseArgs(process.argv.slice(2));
  const missing = csmithMissing();
  if (missing !== undefined) {
    console.error(`csmith-campaign: ${missing}`);
    return 2;
  }
  mkdirSync(c.dir, { recursive: true });
  const runner = path.join(c.dir, 'native-runner');
  const rb = spawnSync('gcc', ['-O1', '-o', runner, path.join(repoRoot, 'test', 'toolchain', 'native-runner.c')], { encoding: 'utf8' });
  if (rb.status !== 0) throw new Error(`cannot build the native runner: ${rb.stderr}`);
  const work = c.seeds.flatMap((seed) => c.variants.map((variant) => ({ seed, variant })));
  const results: Result[] = [];
  const start = performance.now();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < work.length) {
      const { seed, variant } = work[next++]!;
      const rs = await runSeed(seed, variant, c, runner);
      results.push(...rs);
      const odd = rs.filter((r) => r.verdict.kind !== 'equal');
      console.log(`seed ${seed} ${variant}: ${odd.length === 0 ? 'equal' : odd.map((r) => `${r.level} ${label(r.verdict)}`).join('; ')}`);
      if (c.json !== undefined) writeFileSync(c.json, JSON.stringify(results, null, 1));
    }
  };
  // Stopped early (Ctrl-C, kill): the summary of what finished.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      summarize(c, sorted(c, results), (performance.now() - start) / 1000);
      process.exit(130);
    });
  }
  await Promise.all(Array.from({ length: c.jobs }, worker));
  summarize(c, sorted(c, results), (performance.now() - start) / 1000);
  return results.some((r) => r.verdict.kind === 'mismatch' || r.verdict.kind === 'zvm-build-failed') ? 1 : 0;
}

function sorted(c: Config, results: Result[]): Result[] {
  return [...results].sort((a, b) => a.variant.localeCompare(b.variant) || a.seed - b.seed || c.levels.indexOf(a.level) - c.levels.indexOf(b.level));
}

main().then((s) => { process.exitCode = s; }, (e: unknown) => {
  console.error(`csmith-campaign: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 2;
});
