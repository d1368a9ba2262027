// The differential campaign: random instructions of every SIMD/x87 form executed natively and by
// execSimd from identical states; returns the mismatches.
import fc from 'fast-check';
import { allForms, Forbidden, OpMap, decodeFull, formatAtt, type Form } from '../../src/decoder/index.ts';
import { isSimdForm } from '../../src/simd/exec.ts';
import { choiceArb, encode, stateArb, buildRecord } from './gen.ts';
import { OFF, REC, diffRecords, emulate } from './record.ts';
import { runNative } from './oracle.ts';

/** Forms the random campaign leaves out: fxsave/fxrstor need 512 bytes (their image format is what
 * every case goes through on both sides, see record.ts). */
const NOT_RANDOM = new Set(['fxsave', 'fxrstor']);

export function campaignForms(filter?: (f: Form) => boolean): Form[] {
  return allForms().filter((f) => f.map < OpMap.Vex0F && f.forbidden === Forbidden.None && isSimdForm(f.id) &&
    !NOT_RANDOM.has(f.mnemonic) && (filter ? filter(f) : true));
}

/**
 * Makes the memory operand of control-state loads valid for the native run: exceptions stay masked
 * (an unmasked one would kill the oracle), precision control is not the reserved value 1, no
 * reserved MXCSR bits.
 */
function patchControlLoads(f: Form, rec: Uint8Array, code: Uint8Array): void {
  const m = f.mnemonic;
  if (m !== 'ldmxcsr' && m !== 'fldcw' && m !== 'fldenv' && m !== 'frstor') return;
  const disp = (code[code.length - 1] << 24) >> 24;
  const at = OFF.MEM + 128 + disp;
  const v = new DataView(rec.buffer, rec.byteOffset);
  if (m === 'ldmxcsr') {
    v.setUint32(at, (v.getUint32(at, true) & 0xe07f) | 0x1f80, true);
    return;
  }
  let cw = (v.getUint16(at, true) & 0x0f00) | 0x7f;
  if (((cw >> 8) & 3) === 1) cw |= 0x300;
  v.setUint16(at, cw, true);
  if (m !== 'fldcw') {
    // Status word without ES/B (the environment loads keep no pending exception).
    v.setUint16(at + 4, v.getUint16(at + 4, true) & ~0x8080, true);
  }
}

export interface Mismatch {
  input: Uint8Array;
  text: string;
  bytes: string;
  diffs: string[];
}

export interface CampaignResult {
  run: number;
  mismatches: Mismatch[];
  byMnemonic: Map<string, number>;
}

/** Distance in units of the last place between two 80-bit register slots (Infinity across signs). */
function ulps(a: Uint8Array, b: Uint8Array, at: number): number {
  // the explicit integer bit dropped: neighbours across a binade boundary are 1 apart too
  const v = (x: Uint8Array) => {
    let n = 0n;
    for (let k = 9; k >= 0; k--) n = (n << 8n) | BigInt(x[at + k]);
    const exp = (n >> 64n) & 0x7fffn;
    return (n & (1n << 79n)) | (exp << 63n) | (n & ((1n << 63n) - 1n));
  };
  const x = v(a);
  const y = v(b);
  if ((x >> 79n) !== (y >> 79n)) return Infinity;
  const d = x > y ? x - y : y - x;
  return d > 1000n ? Infinity : Number(d);
}

/** Equal except (optionally) the x87 C1 bit and 1-ulp differences of x87 register values. */
function sameRecord(a: Uint8Array, b: Uint8Array, ignoreC1: boolean): boolean {
  for (let i = 0; i < REC; i++) {
    if (a[i] === b[i]) continue;
    if (ignoreC1 && i >= 32 && i < 160 && (i & 15) < 10) {
      const slot = i & ~15;
      if (ulps(a, b, slot) <= 1) {
        i = slot + 15;
        continue;
      }
    }
    if (i >= 6 && i < 24) continue; // FOP, FIP, FDP
    if (i >= 28 && i < 32) continue; // MXCSR_MASK
    if (i >= 416 && i < 512) continue; // reserved fxsave tail
    if ((i >= 32 && i < 160) && (i & 15) >= 10) continue; // reserved bytes of the ST slots
    if (i >= OFF.FLAGS && i < OFF.FLAGS + 8) {
      const mask = i === OFF.FLAGS ? 0xd5 : i === OFF.FLAGS + 1 ? 0x08 : 0;
      if (((a[i] ^ b[i]) & mask) === 0) continue;
    }
    if (ignoreC1 && i === 3 && ((a[i] ^ b[i]) & ~0x02) === 0) continue;
    return false;
  }
  return true;
}

/**
 * Runs `count` random cases over `forms` (each random state is shared by 4 instructions).
 * `ignoreC1` leaves the x87 C1 bit out of the comparison and accepts x87 register values within
 * one ulp (the host's transcendentals are not correctly rounded; see the transcendental test).
 */
export function runCampaign(forms: Form[], count: number, seed: number, ignoreC1 = false, stateGen = stateArb): CampaignResult {
  const states = fc.sample(stateGen, { numRuns: Math.ceil(count / 4), seed });
  const cases = fc.sample(fc.tuple(fc.nat(forms.length - 1), choiceArb), { numRuns: count, seed: seed + 1 });
  const buf = new Uint8Array(count * REC);
  const codes: Uint8Array[] = [];
  let n = 0;
  for (let k = 0; k < cases.length; k++) {
    const [fi, ch] = cases[k];
    const code = encode(forms[fi], ch);
    if (!code) continue;
    const at = n * REC;
    buildRecord(states[k % states.length], code, buf, at);
    patchControlLoads(forms[fi], buf.subarray(at, at + REC), code);
    codes.push(code);
    n++;
  }
  const input = buf.subarray(0, n * REC);
  const native = runNative(input);
  const mismatches: Mismatch[] = [];
  const byMnemonic = new Map<string, number>();
  let run = 0;
  for (let i = 0; i < n; i++) {
    const mine = input.slice(i * REC, (i + 1) * REC);
    const why = emulate(mine);
    const nat = native.subarray(i * REC, (i + 1) * REC);
    if (why === null) run++;
    if (why === null && sameRecord(nat, mine, ignoreC1)) continue;
    const dec = decodeFull(codes[i], 0, codes[i].length);
    const text = dec.ok ? formatAtt(dec) : '?';
    const bytes = Array.from(codes[i]).map((b) => b.toString(16).padStart(2, '0')).join(' ');
    mismatches.push({ input: input.slice(i * REC, (i + 1) * REC), text, bytes, diffs: why === null ? diffRecords(nat, mine) : [why] });
    const m = dec.ok ? dec.mnemonic : '?';
    byMnemonic.set(m, (byMnemonic.get(m) ?? 0) + 1);
  }
  return { run, mismatches, byMnemonic };
}
