// Run in a fresh process by run.ts (bundled with esbuild, as bin/zvm's code is): how long loading the
// session modules and the first (cold) hello session take, apart from Node's own start. The repository
// root is the working directory. Prints one JSON line.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const t0 = performance.now();
const { Session } = await import('../../src/session/index.ts');
const { Channel, memorySink, memorySource } = await import('../../src/channels/index.ts');
const t1 = performance.now();
const hello = new Uint8Array(readFileSync(path.join(process.cwd(), 'fixtures', 'hello-nacl.nexe')));
const limits = { gets: 1e6, getSize: 1e9, puts: 1e6, putSize: 1e9 };
const r = await new Session(hello, [
  new Channel(memorySource(new Uint8Array(0)), { alias: '/dev/stdin', type: 0, limits }),
  new Channel(memorySink(), { alias: '/dev/stdout', type: 0, limits }),
  new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits }),
], { memory: 64 << 20 }).run();
const t2 = performance.now();
console.log(JSON.stringify({ startMs: t0, importMs: t1 - t0, firstHelloMs: t2 - t1, ok: r.ending === 'exit' }));
