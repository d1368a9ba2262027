import { validateChunk } from '../../src/validator/index.ts';
let seed = 12345; const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
for (let it = 0; it < 200000; it++) {
  const n = Math.floor(rnd() * 64); const b = new Uint8Array(64).fill(0x90);
  for (let i = 0; i < n; i++) b[i] = Math.floor(rnd() * 256);
  const f = validateChunk(b, { deterministic: false }); const r = validateChunk(b, { deterministic: false, cache: false });
  if (JSON.stringify(f.errors) !== JSON.stringify(r.errors) || Buffer.compare(f.boundaries, r.boundaries) !== 0 || Buffer.compare(f.jumpTargets, r.jumpTargets) !== 0) {
    console.log('MISMATCH at', it, Buffer.from(b).toString('hex')); console.log(JSON.stringify(f.errors), Buffer.from(f.boundaries).toString('hex')); console.log(JSON.stringify(r.errors), Buffer.from(r.boundaries).toString('hex'));
    const again = validateChunk(b, { deterministic: false }); console.log('again', JSON.stringify(again.errors)); break;
  }
}
console.log('done');
