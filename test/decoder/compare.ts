// One differential comparison of our decoder against iced-x86 at one position: validity, length,
// mnemonic and normalised AT&T text. Returns the disagreement (or null).
import { Decoded, DecodeError, decodeFast, decodeFull, formAt, formatAtt } from '../../src/decoder/index.ts';
import { explain } from './iced-allowlist.ts';
import { normalizeText, type IcedOracle, type IcedResult } from './iced-oracle.ts';

export type DisagreementKind = 'validity' | 'length' | 'mnemonic' | 'text';

export interface Disagreement {
  kind: DisagreementKind;
  hex: string;
  /** Our mnemonic, or ERR<code>. */
  ours: string;
  oursError: number;
  oursLength: number;
  oursText: string;
  iced: IcedResult;
  icedText: string;
}

/** Our mnemonic spelled as iced's Mnemonic (the few names that differ). */
export function icedMnemonicOf(ours: string): string {
  return ours;
}

const hexOf = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');

export function compareAt(code: Uint8Array, pos: number, end: number, oracle: IcedOracle, d: Decoded,
  withText = true): Disagreement | null {
  const r = decodeFast(code, pos, end, d);
  const iced = oracle.decode(pos, withText);
  const oursValid = r > 0;
  const make = (kind: DisagreementKind, oursText = '', icedText = ''): Disagreement => ({
    kind,
    hex: hexOf(code.subarray(pos, Math.min(end, pos + Math.max(iced.length, r > 0 ? r : d.length, 1)))),
    ours: oursValid ? formAt(d.form).mnemonic : `ERR${r}`,
    oursError: oursValid ? 0 : r,
    oursLength: oursValid ? r : d.length,
    oursText,
    iced,
    icedText,
  });
  if (oursValid !== iced.valid) return make('validity');
  if (!oursValid) return null;
  if (r !== iced.length) return make('length');
  if (icedMnemonicOf(formAt(d.form).mnemonic) !== iced.mnemonic) return make('mnemonic');
  if (withText) {
    const full = decodeFull(code, pos, end);
    if (!full.ok) return make('validity');
    const a = normalizeText(formatAtt(full));
    const b = normalizeText(iced.text);
    if (a !== b) return make('text', a, b);
  }
  return null;
}

export interface Tally {
  compared: number;
  explained: Map<string, number>;
  /** The first 50 unexplained disagreements. */
  unexplained: Disagreement[];
  unexplainedCount: number;
}

export function newTally(): Tally {
  return { compared: 0, explained: new Map(), unexplained: [], unexplainedCount: 0 };
}

export function record(t: Tally, dis: Disagreement | null): void {
  t.compared++;
  if (dis === null) return;
  const entry = explain(dis);
  if (entry === undefined) {
    if (t.unexplained.length < 50) t.unexplained.push(dis);
    t.unexplainedCount++;
    return;
  }
  t.explained.set(entry.id, (t.explained.get(entry.id) ?? 0) + 1);
}

export function describe(dis: Disagreement): string {
  return `${dis.kind}: ${dis.hex} ours=${dis.ours}${dis.oursError ? `(len ${dis.oursLength})` : ''} iced=${dis.iced.valid ? dis.iced.code : 'INVALID'}` +
    (dis.kind === 'text' ? ` ours="${dis.oursText}" iced="${dis.icedText}"` : '');
}

export { DecodeError };
