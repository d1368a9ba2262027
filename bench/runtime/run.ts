// Runtime start-up and memory: validate + load + run hello in-process (fresh sandbox, pooled sandbox),
// `bin/zvm exec hello` as a process against `node -e 0` (and its phases, ZVM_STARTUP_TIMES), the first
// session of a fresh process, the peak RSS of `zvm exec hello`, and 100 hello
// sessions alive at once in one process. Prints a table with the targets.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import { ProgramCache, Session, SandboxPool, type SessionResult } from '../../src/session/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const quick = process.argv.includes('--quick');
const helloPath = path.join(root, 'fixtures', 'hello-nacl.nexe');
const hello = new Uint8Array(readFileSync(helloPath));
const LIMITS = { gets: 1e6, getSize: 1e9, puts: 1e6, putSize: 1e9 };

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MB`;

function channels(): Channel[] {
  return [
    new Channel(memorySource(new Uint8Array(0)), { alias: '/dev/stdin', type: 0, limits: LIMITS }),
    new Channel(memorySink(), { alias: '/dev/stdout', type: 0, limits: LIMITS }),
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits: LIMITS }),
  ];
}

async function helloOnce(pool?: SandboxPool | null, programCache?: ProgramCache): Promise<{ ms: number; session: Session; result: SessionResult }> {
  const t0 = performance.now();
  const session = new Session(hello, channels(), { pool, programCache, memory: 64 << 20 });
  const result = await session.run();
  const ms = performance.now() - t0;
  if (result.ending !== 'exit') throw new Error(`hello did not exit: ${result.exitState}`);
  return { ms, session, result };
}

const rows: { what: string; measured: string; target: string; ok: boolean | undefined }[] = [];
const row = (what: string, measured: string, target: string, ok?: boolean) => rows.push({ what, measured, target, ok });

// 1. In-process start-up.
const n = quick ? 10 : 40;
const fresh: number[] = [];
for (let i = 0; i < n; i++) {
  const { ms, session } = await helloOnce(null);
  session.release();
  fresh.push(ms);
}
row('in-process hello, a new sandbox each (pool: null) (median)', `${median(fresh).toFixed(2)} ms`, '', undefined);
const byDefault: number[] = [];
for (let i = 0; i < n * 5; i++) {
  const { ms, session } = await helloOnce();
  session.release();
  if (i >= 5) byDefault.push(ms); // after warm-up
}
row('in-process hello, default options (median)', `${median(byDefault).toFixed(3)} ms`, '< 1 ms', median(byDefault) < 1);
const pool = new SandboxPool(1);
const pooled: number[] = [];
for (let i = 0; i < n * 5; i++) {
  const { ms, session } = await helloOnce(pool);
  session.release();
  if (i >= 5) pooled.push(ms); // after warm-up
}
row('in-process hello, pooled sandbox (median)', `${median(pooled).toFixed(3)} ms`, '< 1 ms', median(pooled) < 1);
const cache = new ProgramCache();
const cached: number[] = [];
for (let i = 0; i < n * 5; i++) {
  const { ms, session } = await helloOnce(pool, cache);
  session.release();
  if (i >= 5) cached.push(ms);
}
row('in-process hello, pooled + program cache (median)', `${median(cached).toFixed(3)} ms`, '< 1 ms', median(cached) < 1);

// 2. As a process: `bin/zvm exec hello` (the bundle, rebuilt first when stale) against `node -e 0`.
const zvm = path.join(root, 'bin', 'zvm');
const freshBundle = (): boolean => {
  const r = spawnSync(process.execPath, [zvm, 'exec', helloPath], { encoding: 'utf8', env: { ...process.env, ZVM_STARTUP_TIMES: '1' } });
  return r.stderr.includes('zvm start-up') && !r.stderr.includes('stale');
};
if (!freshBundle()) {
  console.log('(dist/zvm.cjs is stale: npm run build)');
  spawnSync(process.execPath, [path.join(root, 'scripts', 'build-cli.mjs')], { stdio: 'inherit' });
}
const bundleUsed = freshBundle();
const timeProcess = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: status ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
};
const runs = quick ? 7 : 21;
// The same launcher and bundle as an installed package sees them: a copy of bin/ and dist/ outside
// the git checkout, where bin/zvm skips its ~200-file freshness check.
const installed = mkdtempSync(path.join(tmpdir(), 'zvm-installed-'));
for (const part of ['bin', 'dist', 'package.json']) cpSync(path.join(root, part), path.join(installed, part), { recursive: true });
const installedZvm = path.join(installed, 'bin', 'zvm');
const emptyScript = path.join(installed, 'empty.cjs');
writeFileSync(emptyScript, '');
const nodeMs: number[] = [];
const emptyMs: number[] = [];
const zvmMs: number[] = [];
const installedMs: number[] = [];
const compileOnlyMs: number[] = [];
for (let i = 0; i < runs; i++) {
  nodeMs.push(timeProcess(['-e', '0']));
  emptyMs.push(timeProcess([emptyScript]));
  zvmMs.push(timeProcess([zvm, 'exec', helloPath]));
  installedMs.push(timeProcess([installedZvm, 'exec', helloPath]));
  compileOnlyMs.push(timeProcess([installedZvm, 'exec', helloPath], { ...process.env, ZVM_BENCH_COMPILE_ONLY: '1' }));
}
rmSync(installed, { recursive: true, force: true });
const added = median(zvmMs) - median(nodeMs);
const addedInstalled = median(installedMs) - median(nodeMs);
row('process: node -e 0 (median)', `${median(nodeMs).toFixed(1)} ms`, '', undefined);
row('process: node running an empty script file (median)', `${median(emptyMs).toFixed(1)} ms`, '', undefined);
row(`process: bin/zvm exec hello (${bundleUsed ? 'bundle' : 'tsx: bundle stale'}) (median)`, `${median(zvmMs).toFixed(1)} ms`, '', undefined);
row('process: added to node\'s start, git checkout (freshness checked)', `${added.toFixed(1)} ms`, '< 5 ms', added < 5);
row('process: added to node\'s start, installed layout', `${addedInstalled.toFixed(1)} ms`, '< 5 ms', addedInstalled < 5);
// The floor of this design: Node reading the bundle and deserializing its code cache (status 0 only
// when the cache was accepted), exiting before any of it runs.
row('process: floor: bin/zvm reading + compiling the bundle (code cache), nothing run', `+${(median(compileOnlyMs) - median(nodeMs)).toFixed(1)} ms`, '', undefined);
// Where the launcher's time goes (ZVM_STARTUP_TIMES): the median of each phase.
const phases = new Map<string, number[]>();
for (let i = 0; i < runs; i++) {
  const r = spawnSync(process.execPath, [zvm, 'exec', helloPath], { encoding: 'utf8', env: { ...process.env, ZVM_STARTUP_TIMES: '1' } });
  const line = r.stderr.split('\n').find((l) => l.startsWith('zvm start-up (ms): '));
  for (const part of line?.slice('zvm start-up (ms): '.length).split(', ') ?? []) {
    const at = part.lastIndexOf(' ');
    phases.set(part.slice(0, at), [...(phases.get(part.slice(0, at)) ?? []), Number(part.slice(at + 1))]);
  }
}
for (const [what, xs] of phases) row(`  bin/zvm phase: ${what === 'node' ? 'Node start until bin/zvm runs' : what}`, `${median(xs).toFixed(1)} ms`, '', undefined);
// The first session in a fresh process, apart from loading the modules (bundled like bin/zvm's).
const bundleDir = mkdtempSync(path.join(tmpdir(), 'zvm-runtime-bundle-'));
const coldBundle = path.join(bundleDir, 'cold-hello.mjs');
const esbuild = await import('esbuild');
await esbuild.build({ entryPoints: [path.join(here, 'cold-hello.ts')], bundle: true, platform: 'node', format: 'esm', outfile: coldBundle, logLevel: 'error' });
const colds = Array.from({ length: quick ? 3 : 7 }, () => {
  const r = spawnSync(process.execPath, [coldBundle], { encoding: 'utf8', cwd: root });
  return JSON.parse(r.stdout) as { startMs: number; importMs: number; firstHelloMs: number };
});
row('cold process: loading the session modules (bundled, no code cache)', `${median(colds.map((c) => c.importMs)).toFixed(1)} ms`, '', undefined);
row('cold process: first hello session', `${median(colds.map((c) => c.firstHelloMs)).toFixed(1)} ms`, '< 1 ms', median(colds.map((c) => c.firstHelloMs)) < 1);
rmSync(bundleDir, { recursive: true, force: true });

// 3. Peak RSS of `zvm exec hello`.
const tmp = mkdtempSync(path.join(tmpdir(), 'zvm-runtime-bench-'));
const rssFile = path.join(tmp, 'rss');
const probe = pathToFileURL(path.join(here, 'rss-probe.mjs')).href;
const peakRss = (args: string[]): number => {
  spawnSync(process.execPath, ['--import', probe, ...args], { stdio: 'ignore', env: { ...process.env, ZVM_BENCH_RSS_FILE: rssFile } });
  return Number(readFileSync(rssFile, 'utf8')) * 1024;
};
const nodeRss = peakRss(['-e', '0']);
const helpRss = peakRss([zvm, '--help']);
const execRss = peakRss([zvm, 'exec', helloPath]);
row('peak RSS: node -e 0', mb(nodeRss), '', undefined);
row('peak RSS: zvm --help (no session)', mb(helpRss), '', undefined);
row(`peak RSS: zvm exec hello (${bundleUsed ? 'bundle' : 'tsx'})`, mb(execRss), '< 64 MB', execRss < 64 * 2 ** 20);
rmSync(tmp, { recursive: true, force: true });

// 4. 100 hello sessions alive at once (each with its own 4 GiB sandbox), run concurrently.
const before = process.memoryUsage().rss;
const t0 = performance.now();
const alive = await Promise.all(Array.from({ length: 100 }, () => helloOnce()));
const allMs = performance.now() - t0;
const after = process.memoryUsage().rss;
const allOk = alive.every((a) => a.result.userCode === 0);
row('100 hello sessions alive: RSS of the process', mb(after), '< 1 GB', after < 2 ** 30 && allOk);
row('100 hello sessions alive: RSS added', mb(after - before), '', undefined);
row('100 hello sessions: wall time to run all', `${allMs.toFixed(0)} ms`, '', undefined);

const w = Math.max(...rows.map((r) => r.what.length));
console.log(`runtime start-up and memory (node ${process.version}, load average ${loadavg()[0]!.toFixed(2)})`);
console.log(`${'measure'.padEnd(w)}  ${'measured'.padStart(12)}  ${'target'.padEnd(8)}  verdict`);
for (const r of rows) {
  const verdict = r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED';
  console.log(`${r.what.padEnd(w)}  ${r.measured.padStart(12)}  ${r.target.padEnd(8)}  ${verdict}`);
}
console.log('Fresh sandboxes: up to 2 uncollected ones are SharedArrayBuffers (no GC); past that each is an ArrayBuffer whose');
console.log('allocation makes V8 run a full GC (see allocateSandbox in src/cpu/memory.ts): a SandboxPool avoids both.');
