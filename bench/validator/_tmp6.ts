import { validateChunk } from '../../src/validator/index.ts';
function pad(b: number[]) { const o = new Uint8Array(32).fill(0x90); o.set(b); return o; }
for (const b of [[188,0,0,0,0,0], [66,137,192,15,24,28,36,102,15,56,21,200,137,236,74,141,36,60,235,218]]) {
  const c = pad(b);
  const f = validateChunk(c, { deterministic: false }); const r = validateChunk(c, { deterministic: false, cache: false });
  console.log(JSON.stringify(f.errors), JSON.stringify(r.errors), Buffer.from(f.boundaries).toString('hex'), Buffer.from(r.boundaries).toString('hex'));
}
