import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
import { PAIR_STATE } from '../../src/validator/fast-walk.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
const r = validateChunk(blob, { deterministic: false });
validateChunk(blob, { deterministic: false });
const c=[0,0,0,0]; const gen=new Map<string,number>();
for (let i=0;i<blob.length;i++) if ((r.boundaries[i>>3]>>(i&7))&1) { const st = PAIR_STATE[(blob[i]<<8)|blob[i+1]]&3; c[st]++; if (st!==1){const k=Buffer.from(blob.subarray(i,i+3)).toString('hex')+':'+st; gen.set(k,(gen.get(k)??0)+1);} }
console.log(c, [...gen].sort((a,b)=>b[1]-a[1]).slice(0,30).map(x=>x.join('=')).join(' '));
