import { readFileSync } from 'node:fs';
import { Decoder, DecoderOptions, Instruction, Code, Formatter, FormatterSyntax } from 'iced-x86';
import { decodeFull, formatAtt } from '../../src/decoder/index.ts';
const file = process.argv[2]; const max = Number(process.argv[3] ?? 2e6);
const all = readFileSync(file);
const data = new Uint8Array(all.buffer, all.byteOffset, Math.min(all.length, max));
const dec = new Decoder(64, data, DecoderOptions.None);
const fmt = new Formatter(FormatterSyntax.Gas);
fmt.uppercaseHex = false; fmt.smallHexNumbersInDecimal = false; fmt.branchLeadingZeros = false; fmt.alwaysShowScale = false;
fmt.ripRelativeAddresses = true; fmt.usePseudoOps = false; fmt.showZeroDisplacements = false;
const ins = new Instruction();
const norm = (s: string) => s.replace(/,1\)/g, ")").replace(/%[de]s:\((%[re][sd]i)\)/g, "($1)").replace(/\b(call|jmp)q \*/, "$1 *").replace(/^repe /, "repz ").replace(/^repne /, "repnz ").replace(/\s+#.*$/, '').replace(/\b0x0\(/g, '(').replace(/\s+/g, ' ').trim();
const diffs = new Map<string, {n:number, ex:string}>();
let pos = 0, n = 0;
while (pos < data.length) {
  dec.position = pos; dec.ip = BigInt(pos);
  dec.decodeOut(ins);
  if (ins.code === Code.INVALID) { pos++; continue; }
  const r = decodeFull(data, pos, data.length);
  n++;
  if (r.ok) {
    const a = norm(formatAtt(r)); const b = norm(fmt.format(ins));
    if (a !== b) {
      const key = a.split(' ')[0] + ' | ' + b.split(' ')[0];
      const e = diffs.get(key);
      if (e) e.n++; else diffs.set(key, { n: 1, ex: `${Buffer.from(data.subarray(pos, pos + ins.length)).toString('hex')}  ours: ${a}  iced: ${b}` });
    }
  }
  pos += ins.length;
}
const arr = [...diffs.entries()].sort((a,b)=>b[1].n-a[1].n);
console.log('instructions', n, 'distinct diffs', arr.length);
for (const [k,v] of arr.slice(0, Number(process.argv[4] ?? 80))) console.log(v.n, k, '::', v.ex);
