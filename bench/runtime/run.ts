// Runtime start-up and memory: validate + load + run hello in-process (fresh sandbox, pooled sandbox),
// `zvm exec hello` as a process against `node -e 0`, the peak RSS of `zvm exec hello`, and 100 hello
// sessions alive at once in one process. Prints a table with the targets.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
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

async function helloOnce(pool?: SandboxPool, programCache?: ProgramCache): Promise<{ ms: number; session: Session; result: SessionResult }> {
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
  const { ms, session } = await helloOnce();
  session.release();
  fresh.push(ms);
}
row('in-process hello, fresh 4 GiB sandbox (median)', `${median(fresh).toFixed(2)} ms`, '< 1 ms', median(fresh) < 1);
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

// 2. As a process: `zvm exec hello` against `node -e 0`.
const zvm = path.join(root, 'bin', 'zvm');
const timeProcess = (args: string[], env: NodeJS.ProcessEnv = process.env): number => {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  if (r.status !== 0) throw new Error(`${args.join(' ')}: status ${r.status}: ${r.stderr}`);
  return performance.now() - t0;
};
const runs = quick ? 3 : 7;
const nodeMs: number[] = [];
const zvmMs: number[] = [];
for (let i = 0; i < runs; i++) {
  nodeMs.push(timeProcess(['-e', '0']));
  zvmMs.push(timeProcess([zvm, 'exec', helloPath]));
}
const added = median(zvmMs) - median(nodeMs);
row('process: node -e 0 (median)', `${median(nodeMs).toFixed(1)} ms`, '', undefined);
row('process: bin/zvm exec hello (dist bundle if fresh, else tsx) (median)', `${median(zvmMs).toFixed(1)} ms`, '', undefined);
row('process: added to node\'s start', `${added.toFixed(1)} ms`, '< 5 ms', added < 5);
// Where a cold process spends it: tsx + Node start, loading the session modules, the first hello.
const tsxLoader = pathToFileURL(path.join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const cold = spawnSync(process.execPath, ['--import', tsxLoader, path.join(here, 'cold-hello.ts')], { encoding: 'utf8' });
const c = JSON.parse(cold.stdout) as { startMs: number; importMs: number; firstHelloMs: number };
row('cold process: Node + tsx start before main', `${c.startMs.toFixed(1)} ms`, '', undefined);
row('cold process: loading the session modules (tsx)', `${c.importMs.toFixed(1)} ms`, '', undefined);
row('cold process: first hello session', `${c.firstHelloMs.toFixed(1)} ms`, '', undefined);

// 2b. The same without tsx: `zvm exec` bundled to one .mjs with esbuild (already installed as tsx's
// compiler; used here only to measure), which is how a release would ship.
const bundleDir = mkdtempSync(path.join(tmpdir(), 'zvm-runtime-bundle-'));
const bundled = path.join(bundleDir, 'zvm-exec.mjs');
let haveBundle = false;
try {
  const esbuild = await import('esbuild');
  await esbuild.build({ entryPoints: [path.join(here, 'exec-entry.ts')], bundle: true, platform: 'node', format: 'esm', outfile: bundled, logLevel: 'error' });
  haveBundle = true;
} catch (e) {
  console.log(`(esbuild unavailable, bundled rows skipped: ${(e as Error).message.split('\n')[0]})`);
}
if (haveBundle) {
  const bundledMs: number[] = [];
  const nodeAgain: number[] = [];
  for (let i = 0; i < runs; i++) {
    nodeAgain.push(timeProcess(['-e', '0']));
    bundledMs.push(timeProcess([bundled, helloPath]));
  }
  const addedBundled = median(bundledMs) - median(nodeAgain);
  row('process: bundled zvm exec hello, added to node\'s start', `${addedBundled.toFixed(1)} ms`, '< 5 ms', addedBundled < 5);
}

// 3. Peak RSS of `zvm exec hello`.
const tmp = mkdtempSync(path.join(tmpdir(), 'zvm-runtime-bench-'));
const rssFile = path.join(tmp, 'rss');
const probe = pathToFileURL(path.join(here, 'rss-probe.mjs')).href;
spawnSync(process.execPath, ['--import', tsxLoader, '--import', probe, zvm, 'exec', helloPath], { stdio: 'ignore', env: { ...process.env, ZVM_BENCH_RSS_FILE: rssFile } });
const execRss = Number(readFileSync(rssFile, 'utf8')) * 1024;
spawnSync(process.execPath, ['--import', probe, '-e', '0'], { stdio: 'ignore', env: { ...process.env, ZVM_BENCH_RSS_FILE: rssFile } });
const nodeRss = Number(readFileSync(rssFile, 'utf8')) * 1024;
spawnSync(process.execPath, ['--import', tsxLoader, '--import', probe, zvm, '--help'], { stdio: 'ignore', env: { ...process.env, ZVM_BENCH_RSS_FILE: rssFile } });
const helpRss = Number(readFileSync(rssFile, 'utf8')) * 1024;
row('peak RSS: node -e 0', mb(nodeRss), '', undefined);
row('peak RSS: zvm --help (CLI + tsx, no session)', mb(helpRss), '', undefined);
row('peak RSS: zvm exec hello (tsx)', mb(execRss), '< 64 MB', execRss < 64 * 2 ** 20);
if (haveBundle) {
  spawnSync(process.execPath, ['--import', probe, bundled, helloPath], { stdio: 'ignore', env: { ...process.env, ZVM_BENCH_RSS_FILE: rssFile } });
  const bundledRss = Number(readFileSync(rssFile, 'utf8')) * 1024;
  row('peak RSS: bundled zvm exec hello', mb(bundledRss), '< 64 MB', bundledRss < 64 * 2 ** 20);
}
rmSync(tmp, { recursive: true, force: true });
rmSync(bundleDir, { recursive: true, force: true });

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
console.log('Fresh sandboxes: each new 4 GiB ArrayBuffer makes V8 run a full GC (external memory pressure).');
