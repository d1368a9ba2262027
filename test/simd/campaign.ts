// The differential campaign: random instructions of every SIMD/x87 form executed natively and by
// execSimd from identical states; returns the mismatches.
import fc from 'fast-check';
import { FORMS, Forbidden, OpMap, decodeFull, formatAtt, type Form } from '../../src/decoder/index.ts';
import { isSimdForm } from '../../src/simd/exec.ts';
import { choiceArb, encode, stateArb, buildRecord } from './gen.ts';
import { REC, diffRecords, emulate } from './record.ts';
import { runNative } from './oracle.ts';

/** Forms left out of the random campaign (covered by directed tests): loads of control state whose
 * random values could unmask exceptions or fault natively, and the 512-byte fxsave area. */
const DIRECTED_ONLY = new Set(['ldmxcsr', 'fldcw', 'fldenv', 'frstor', 'fxsave', 'fxrstor']);

export function campaignForms(filter?: (f: Form) => boolean): Form[] {
  return FORMS.filter((f) => f.map < OpMap.Vex0F && f.forbidden === Forbidden.None && isSimdForm(f.id) &&
    !DIRECTED_ONLY.has(f.mnemonic) && (filter ? filter(f) : true));
}

export interface Mismatch {
  /** The input record. */
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

export function runCampaign(forms: Form[], count: number, seed: number): CampaignResult {
  const cases = fc.sample(fc.tuple(fc.nat(forms.length - 1), choiceArb, stateArb), { numRuns: count, seed });
  const buf = new Uint8Array(count * REC);
  const codes: Uint8Array[] = [];
  let n = 0;
  for (const [fi, ch, st] of cases) {
    const code = encode(forms[fi], ch);
    if (!code) continue;
    buildRecord(st, code, buf, n * REC);
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
    const dec = decodeFull(codes[i], 0, codes[i].length);
    const text = dec.ok ? formatAtt(dec) : '?';
    const bytes = Array.from(codes[i]).map((b) => b.toString(16).padStart(2, '0')).join(' ');
    if (why !== null) {
      mismatches.push({ input: input.slice(i * REC, (i + 1) * REC), text, bytes, diffs: [why] });
      continue;
    }
    run++;
    const diffs = diffRecords(native.subarray(i * REC, (i + 1) * REC), mine);
    if (diffs.length > 0) {
      mismatches.push({ input: input.slice(i * REC, (i + 1) * REC), text, bytes, diffs });
      const m = dec.ok ? dec.mnemonic : '?';
      byMnemonic.set(m, (byMnemonic.get(m) ?? 0) + 1);
    }
  }
  return { run, mismatches, byMnemonic };
}
