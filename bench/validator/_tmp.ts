import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
const a = validateChunk(blob, { deterministic: false });
const b = validateChunk(blob, { deterministic: false, cache: false });
console.log('same', JSON.stringify(a.errors)===JSON.stringify(b.errors), Buffer.compare(a.boundaries,b.boundaries)===0, Buffer.compare(a.jumpTargets,b.jumpTargets)===0, a.valid);
let best = 0;
for (let k = 0; k < 150; k++) {
  const c0 = process.cpuUsage();
  validateChunk(blob, { deterministic: false });
  const c = process.cpuUsage(c0);
  best = Math.max(best, blob.length/1e6/((c.user+c.system)/1e6));
}
console.log(best.toFixed(1), 'MB/s cpu best');
