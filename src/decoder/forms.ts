// FORMS: the instruction table as Form records, parsed once from the hand-written spec modules.
import type { Form } from './types.ts';
import { parseSpecLine, type FormExtra } from './spec.ts';
import { GP_SPEC } from './table-gp.ts';
import { X87_SPEC } from './table-x87.ts';
import { SIMD_SPEC } from './table-simd.ts';
import { VEX_SPEC } from './table-vex.ts';

const opIds = new Map<string, number>();
/** Semantic operation names; OPS[op] is the name of op id `op`. */
export const OPS: string[] = [];

function opIdOf(name: string): number {
  let id = opIds.get(name);
  if (id === undefined) {
    id = OPS.length;
    OPS.push(name);
    opIds.set(name, id);
  }
  return id;
}

/** The op id of an operation name (throws for unknown names: catches typos at start-up). */
export function opId(name: string): number {
  const id = opIds.get(name);
  if (id === undefined) throw new Error(`unknown op ${name}`);
  return id;
}

const forms: Form[] = [];
const extras: FormExtra[] = [];
for (const line of [...GP_SPEC, ...X87_SPEC, ...SIMD_SPEC, ...VEX_SPEC]) {
  const parsed = parseSpecLine(line, forms.length, opIdOf);
  forms.push(parsed.form);
  extras.push(parsed.extra);
}

export const FORMS: readonly Form[] = forms;
/** Decoder-internal extras, parallel to FORMS. */
export const FORM_EXTRAS: readonly FormExtra[] = extras;
