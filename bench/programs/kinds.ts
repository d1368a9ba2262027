// Dynamic instruction mix of a bench program in a Session (dev aid; slow, single-steps):
// `npx tsx bench/programs/kinds.ts <program> [args...] [< stdin]`. Prints retired instructions per
// handler kind, and per SIMD form for K.Simd. The nexe is taken from bench/programs/quick.ts's cache.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import { Machine } from '../../src/cpu/machine.ts';
import { K } from '../../src/cpu/kinds.ts';
import { formAt } from '../../src/decoder/index.ts';
import { Session } from '../../src/session/index.ts';

const [name, ...args] = process.argv.slice(2);
const nexe = new Uint8Array(readFileSync(path.join(tmpdir(), 'zvm-bench-quick', `${name}.nexe`)));
const stdin = process.stdin.isTTY ? new Uint8Array() : new Uint8Array(readFileSync(0));
const kindName = new Map(Object.entries(K).map(([k, v]) => [v as number, k]));
const counts = new Map<string, number>();
type Internals = { ip: number; program: { kind: Uint8Array; form: Uint16Array; locT: Uint8Array; locW: Uint8Array; sub: Uint8Array } };
const original = Machine.prototype.run;
Machine.prototype.run = function (this: Machine, budget: number) {
  const self = this as unknown as Internals;
  for (let k = 0; k < budget; k++) {
    const p = self.program, i = self.ip;
    if (i >= 0) {
      const kind = p.kind[i];
      let key = kindName.get(kind) ?? String(kind);
      if (kind === K.Simd) key += ` ${formAt(p.form[i]!).mnemonic}${p.locT[3 * i] === 2 ? ' mem' : ''}`;
      else if (kind < 62) key += ` w${p.locW[3 * i]} t${p.locT[3 * i]}${p.locT[3 * i + 1]}${p.locT[3 * i + 2]} sub${p.sub[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const r = original.call(this, 1);
    if (r.kind !== 'budget-exhausted') return r;
  }
  return { kind: 'budget-exhausted' };
};
const limits = { gets: 1e9, getSize: 1e12, puts: 1e9, putSize: 1e12 };
const channels = [
  new Channel(memorySource(stdin), { alias: '/dev/stdin', type: 0, limits }),
  new Channel(memorySink(), { alias: '/dev/stdout', type: 0, limits }),
  new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits }),
];
const r = await new Session(nexe, channels, { args: [name!, ...args] }).run();
const total = [...counts.values()].reduce((a, b) => a + b, 0);
console.log(`${name}: ${r.instructions} retired (${total} dispatches counted)`);
for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${v.toString().padStart(10)} ${(100 * v / total).toFixed(1).padStart(5)}% ${k}`);
