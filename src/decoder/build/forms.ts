// Build step 1: the Form records, parsed from the hand-written spec lines (table-*.ts). Runs in
// scripts/gen-decoder-tables.ts and in the staleness test, not at run time (see tables.generated.ts).
import type { Form } from '../types.ts';
import { parseSpecLine, type FormExtra } from '../spec.ts';
import { GP_SPEC } from '../table-gp.ts';
import { X87_SPEC } from '../table-x87.ts';
import { SIMD_SPEC } from '../table-simd.ts';
import { VEX_SPEC } from '../table-vex.ts';
import { interner } from './interner.ts';

export interface BuiltForms {
  readonly forms: readonly Form[];
  readonly extras: readonly FormExtra[];
  /** Semantic operation names by op id, in order of first use. */
  readonly ops: readonly string[];
}

export function buildForms(): BuiltForms {
  const ops = interner<string>((name) => name);
  const opIdOf = (name: string): number => ops.idOf(name);
  const forms: Form[] = [];
  const extras: FormExtra[] = [];
  for (const line of [...GP_SPEC, ...X87_SPEC, ...SIMD_SPEC, ...VEX_SPEC]) {
    const parsed = parseSpecLine(line, forms.length, opIdOf);
    forms.push(parsed.form);
    extras.push(parsed.extra);
  }
  return { forms, extras, ops: ops.values };
}
