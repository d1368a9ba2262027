// Every form of our table, encoded with random registers, memory forms and immediates, decodes to
// itself with our decoder and agrees with iced-x86 (validity, length, mnemonic, text).
import { describe, expect, it } from 'vitest';
import { Decoded, decodeFast, formAt, allForms } from '../../src/decoder/index.ts';
import { compareAt, describe as describeDis, newTally, record } from './compare.ts';
import { encodeForm, rng } from './encode-form.ts';
import { IcedOracle } from './iced-oracle.ts';

const PER_FORM = 24;
const SLOT = 24;

describe('table forms round-trip through our decoder and iced-x86', () => {
  it(`${PER_FORM} random encodings of every form`, () => {
    const rand = rng(0x5eed);
    const cases: { form: number; bytes: Uint8Array }[] = [];
    for (const f of allForms()) for (let i = 0; i < PER_FORM; i++) cases.push({ form: f.id, bytes: encodeForm(f, rand) });
    const buf = new Uint8Array(cases.length * SLOT);
    cases.forEach((c, i) => buf.set(c.bytes, i * SLOT));
    const d = new Decoded();
    const wrongForm: string[] = [];
    for (const [i, c] of cases.entries()) {
      const r = decodeFast(buf, i * SLOT, i * SLOT + c.bytes.length, d);
      const want = formAt(c.form);
      const ok = r === c.bytes.length && (d.form === c.form || formAt(d.form).mnemonic === want.mnemonic);
      if (!ok && wrongForm.length < 40) {
        wrongForm.push(`${want.mnemonic} (form ${c.form}) ${Buffer.from(c.bytes).toString('hex')}: got ${r > 0 ? `${formAt(d.form).mnemonic} len ${r}` : `error ${r}`}`);
      }
    }
    expect(wrongForm).toEqual([]);
    const oracle = new IcedOracle(buf);
    const tally = newTally();
    try {
      cases.forEach((c, i) => record(tally, compareAt(buf, i * SLOT, i * SLOT + c.bytes.length, oracle, d, true)));
    } finally {
      oracle.free();
    }
    console.log(`forms: ${allForms().length} forms, ${tally.compared} encodings, explained ${JSON.stringify(Object.fromEntries(tally.explained))}, unexplained ${tally.unexplainedCount}`);
    expect(tally.unexplained.map(describeDis)).toEqual([]);
  });
});
