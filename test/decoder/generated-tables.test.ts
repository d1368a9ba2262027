// tables.generated.ts must be exactly what the generator writes from the current spec lines, and
// the Form records and dispatch tables rebuilt from it at load must equal the ones built directly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll, GENERATED_PATH, GENERATOR, generateTableSource } from '../../src/decoder/build/generate.ts';
import { FAST, FAST_INFO, FORM_LAYOUT, FormLayout } from '../../src/decoder/dispatch-tables.ts';
import { allFormExtras, allForms, FORM_COUNT, formAt, formExtraAt, OPS } from '../../src/decoder/forms.ts';
import { OperandKind } from '../../src/decoder/types.ts';
import { FORM_IMM } from '../../src/decoder/tables.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('generated decoder tables', () => {
  const built = buildAll();

  it(`${GENERATED_PATH} is up to date (else run: npx tsx ${GENERATOR})`, () => {
    const committed = readFileSync(path.join(repoRoot, GENERATED_PATH), 'utf8');
    // Compared as a boolean first: a 400 KB diff is unreadable, the hint above says what to do.
    expect(committed === generateTableSource()).toBe(true);
  });

  it('Form records and extras rebuilt from the rows equal the parsed spec lines, one by one and all', () => {
    expect(FORM_COUNT).toBe(built.forms.length);
    expect(FORM_COUNT).toBeGreaterThan(1000);
    // Built one at a time in a scattered order first (the lazy path), then the whole table.
    for (let k = 0; k < FORM_COUNT; k++) {
      const i = (k * 613) % FORM_COUNT;
      expect(formAt(i)).toEqual(built.forms[i]);
      expect(formExtraAt(i)).toEqual(built.extras[i]);
    }
    expect(allForms()).toEqual(built.forms);
    expect(allFormExtras()).toEqual(built.extras);
    expect(() => formAt(FORM_COUNT)).toThrow(RangeError);
    expect(OPS).toEqual(built.ops);
  });

  it('FORM_LAYOUT packs each form\'s opcode, map, ModRM facts and feature', () => {
    expect(FORM_LAYOUT.length).toBe(FORM_COUNT);
    for (let i = 0; i < FORM_COUNT; i++) {
      const f = built.forms[i]!;
      const l = FORM_LAYOUT[i]!;
      expect([l & 255, (l >> FormLayout.MapShift) & 15, (l & FormLayout.ModRM) !== 0, (l & FormLayout.ModIgnored) !== 0,
        (l & FormLayout.OpReg) !== 0, l >>> FormLayout.FeatureShift])
        .toEqual([f.opcode, f.map, f.hasModrm, built.extras[i]!.modIgnored, f.operands.some((o) => o.kind === OperandKind.OpReg), f.feature]);
    }
  });

  it('FAST, FAST_INFO and FORM_IMM equal the tables built from the forms', () => {
    expect(FAST).toEqual(built.tables.FAST);
    expect(FAST_INFO).toEqual(built.tables.FAST_INFO);
    expect(FORM_IMM).toEqual(built.tables.FORM_IMM);
  });
});
