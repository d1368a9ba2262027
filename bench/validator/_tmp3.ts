import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
import { scanHeader, storeShape, SHAPES } from '../../src/validator/shape-cache.ts';
import { summarize, Summary } from '../../src/validator/instruction-summary.ts';
import { Decoded } from '../../src/decoder/types.ts';
import { WrittenRegs } from '../../src/validator/register-writes.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
const r = validateChunk(blob, { deterministic: false });
const d = new Decoded(), s = new Summary(), wr = new WrittenRegs();
const fail = new Map<string,number>();
for (let i=0;i<blob.length;i++) if ((r.boundaries[i>>3]>>(i&7))&1) {
  const end=(i|31)+1; const h = scanHeader(blob,i,end); if (h<0) continue;
  if (!summarize(blob,i,end,d,wr,s)) continue;
  if (storeShape(blob,i,h,d,s) < 0) { const k=Buffer.from(blob.subarray(i,i+s.length)).toString('hex')+` h=${h.toString(16)} disp=${d.dispSize} modrm=${d.modrm}`; fail.set(k,(fail.get(k)??0)+1); }
}
console.log([...fail].sort((a,b)=>b[1]-a[1]).slice(0,20));
