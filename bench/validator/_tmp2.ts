import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
import { scanHeader } from '../../src/validator/shape-cache.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
const r = validateChunk(blob, { deterministic: false });
const cnt = new Map<string,number>();
let prev=-1;
for (let i=0;i<=blob.length;i++) if (i===blob.length || (r.boundaries[i>>3]>>(i&7))&1) {
  if (prev>=0) { const h = scanHeader(blob, prev, (prev|31)+1); const k = Buffer.from(blob.subarray(prev, prev + (h<0? Math.min(i-prev,4) : (h&15)))).toString('hex') + (h<0?'!':'') + '/' + (i-prev); cnt.set(k,(cnt.get(k)??0)+1); }
  prev=i;
}
console.log([...cnt].sort((a,b)=>b[1]-a[1]).slice(0,60).map(([k,v])=>k+':'+v).join('  '));
