import fc from 'fast-check';
import { Decoder, DecoderOptions, Instruction, Code, Mnemonic } from 'iced-x86';
import { Decoded, decodeFast, FORMS } from '../../src/decoder/index.ts';
import { instructionBytes } from './gen-bytes.ts';
const mnem: Record<number,string> = {}; for (const [k,v] of Object.entries(Mnemonic)) if (typeof v === 'number') mnem[v]=k.toLowerCase();
const codeName: Record<number,string> = {}; for (const [k,v] of Object.entries(Code)) if (typeof v === 'number') codeName[v]=k;
const samples = fc.sample(instructionBytes, { numRuns: Number(process.argv[2] ?? 100000), seed: 42 });
const d = new Decoded(); const ins = new Instruction();
const diffs = new Map<string,{n:number,ex:string}>();
for (const b of samples) {
  const dec = new Decoder(64, b, DecoderOptions.None); dec.decodeOut(ins); dec.free();
  const iv = ins.code === Code.INVALID; const il = ins.length;
  const r = decodeFast(b, 0, b.length, d);
  const ours = r > 0 ? FORMS[d.form].mnemonic : 'ERR' + r;
  const theirs = iv ? 'INVALID' : mnem[ins.mnemonic];
  let key = '';
  if ((r > 0) !== !iv && !(r === -7 && d.length === il)) key = `valid ${ours} vs ${theirs} ${iv?'':codeName[ins.code]}`;
  else if (r > 0 && r !== il) key = `len ${ours} vs ${theirs} ${codeName[ins.code]}`;
  else if (r > 0 && ours !== theirs) key = `mn ${ours} vs ${theirs} ${codeName[ins.code]}`;
  if (key) { const e = diffs.get(key); const hex = Buffer.from(b.subarray(0, Math.max(il, 1, r > 0 ? r : 0))).toString('hex'); if (e) e.n++; else diffs.set(key, {n:1, ex:hex}); }
}
const arr = [...diffs.entries()].sort((a,b)=>b[1].n-a[1].n);
console.log('samples', samples.length, 'distinct', arr.length, 'total', arr.reduce((s,x)=>s+x[1].n,0));
for (const [k,v] of arr.slice(0, Number(process.argv[3] ?? 100))) console.log(v.n, k, v.ex);
