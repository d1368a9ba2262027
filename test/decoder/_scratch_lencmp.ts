import { readFileSync } from 'node:fs';
import { Decoder, DecoderOptions, Instruction, Code, Mnemonic } from 'iced-x86';
import { Decoded, decodeFast, FORMS } from '../../src/decoder/index.ts';
const file = process.argv[2]; const max = Number(process.argv[3] ?? 2e6);
const all = readFileSync(file);
const data = new Uint8Array(all.buffer, all.byteOffset, Math.min(all.length, max));
const dec = new Decoder(64, data, DecoderOptions.None);
const ins = new Instruction();
const d = new Decoded();
const mnem: Record<number,string> = {}; for (const [k,v] of Object.entries(Mnemonic)) if (typeof v === 'number') mnem[v]=k.toLowerCase();
const codeName: Record<number,string> = {}; for (const [k,v] of Object.entries(Code)) if (typeof v === 'number') codeName[v]=k;
const diffs = new Map<string, {n:number, ex:string}>();
let pos = 0, n = 0;
while (pos < data.length) {
  dec.position = pos;
  dec.decodeOut(ins);
  const iv = ins.code === Code.INVALID;
  const il = ins.length;
  const r = decodeFast(data, pos, data.length, d);
  n++;
  const ours = r > 0 ? FORMS[d.form].mnemonic : 'ERR' + r;
  const theirs = iv ? 'INVALID' : mnem[ins.mnemonic];
  let key = '';
  if ((r > 0) !== !iv && !(r === -7 && d.length === il)) key = `valid ${ours} vs ${theirs} ${iv?'':codeName[ins.code]}`;
  else if (r < 0 && !iv && d.length > 0 && d.length !== il) key = `elen ${ours} vs ${theirs} ${codeName[ins.code]}`;
  else if (r > 0 && r !== il) key = `len ${ours} vs ${theirs} ${codeName[ins.code]}`;
  else if (r > 0 && ours !== theirs) key = `mn ${ours} vs ${theirs} ${codeName[ins.code]}`;
  if (key) { const e = diffs.get(key); const hex = Buffer.from(data.subarray(pos, pos + Math.max(il,1, r>0?r:0))).toString('hex');
    if (e) e.n++; else diffs.set(key, {n:1, ex: hex}); }
  pos += iv ? 1 : il;
}
const arr = [...diffs.entries()].sort((a,b)=>b[1].n-a[1].n);
console.log('instructions', n, 'distinct diffs', arr.length);
for (const [k,v] of arr.slice(0, Number(process.argv[4] ?? 60))) console.log(v.n, k, v.ex);
ins.free(); dec.free();
