// tables.generated.ts must be exactly what the generator writes from the current spec lines, and
// the Form records and dispatch tables rebuilt from it at load must equal the ones built directly.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildAll, GENERATED_PATH, GENERATOR, generateTableSource } from '../../src/decoder/build/generate.ts';
import { FAST, FAST_INFO } from '../../src/decoder/dispatch-tables.ts';
import { FORM_EXTRAS, FORMS, OPS } from '../../src/decoder/forms.ts';
import { FORM_IMM } from '../../src/decoder/tables.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

describe('generated decoder tables', () => {
  const built = buildAll();

  it(`${GENERATED_PATH} is up to date (else run: npx tsx ${GENERATOR})`, () => {
    const committed = readFileSync(path.join(repoRoot, GENERATED_PATH), 'utf8');
    // Compared as a boolean first: a 400 KB diff is unreadable, the hint above says what to do.
    expect(committed === generateTableSource()).toBe(true);
  });

  it('FORMS, FORM_EXTRAS and OPS rebuilt at load equal the parsed spec lines', () => {
    expect(FORMS.length).toBe(built.forms.length);
    expect(FORMS.length).toBeGreaterThan(1000);
    for (let i = 0; i < FORMS.length; i++) {
      expect(FORMS[i]).toEqual(built.forms[i]);
      expect(FORM_EXTRAS[i]).toEqual(built.extras[i]);
    }
    expect(OPS).toEqual(built.ops);
  });

  it('FAST, FAST_INFO and FORM_IMM equal the tables built from the forms', () => {
    expect(FAST).toEqual(built.tables.FAST);
    expect(FAST_INFO).toEqual(built.tables.FAST_INFO);
    expect(FORM_IMM).toEqual(built.tables.FORM_IMM);
  });
});
