// The instruction table as Form records, rebuilt from tables.generated.ts (derived at build time from
// the hand-written spec lines in table-*.ts by build/forms.ts). A record is built the first time its
// form is asked for: building all ~1 500 at load cost ~15 ms of a process's start-up (parsing and
// allocation), and a program meets a few dozen forms.
import type { FormExtra, ImplicitGpr } from './spec.ts';
import type { FormRow } from './table-data.ts';
import { FORM_ROWS, TABLE_DATA } from './tables.generated.ts';
import type { Access, Feature, Flow, Forbidden, Form, MandatoryPrefix, ModKind, OperandKind, OperandSpec, OpMap, RegClass, Width } from './types.ts';

/** Semantic operation names; OPS[op] is the name of op id `op`. */
export const OPS: readonly string[] = TABLE_DATA.ops;

/** Number of forms (form ids are 0..FORM_COUNT-1); FAST_INFO has one entry per form. */
export const FORM_COUNT = TABLE_DATA.FAST_INFO.length;

let opIds: Map<string, number> | undefined;

/** The op id of an operation name (throws for unknown names: catches typos). */
export function opId(name: string): number {
  if (opIds === undefined) {
    opIds = new Map();
    OPS.forEach((op, id) => opIds!.set(op, id));
  }
  const id = opIds.get(name);
  if (id === undefined) throw new Error(`unknown op ${name}`);
  return id;
}

const operands: readonly OperandSpec[] = TABLE_DATA.operands.map(([kind, cls, width, access, reg]) => ({
  kind: kind as OperandKind, cls: cls as RegClass, width: width as Width, access: access as Access, reg,
}));

const NONE: readonly ImplicitGpr[] = [];

function implicit(flat: number[]): readonly ImplicitGpr[] {
  if (flat.length === 0) return NONE;
  const out: ImplicitGpr[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push({ reg: flat[i], width: flat[i + 1] });
  return out;
}

const forms: (Form | undefined)[] = new Array<Form | undefined>(FORM_COUNT).fill(undefined);
const extras: (FormExtra | undefined)[] = new Array<FormExtra | undefined>(FORM_COUNT).fill(undefined);
let rows: string[] | undefined;

function build(id: number): Form {
  if (!(id >= 0 && id < FORM_COUNT)) throw new RangeError(`no form ${id}`);
  const lines = (rows ??= FORM_ROWS.split('\n'));
  const r = JSON.parse(lines[id]!) as FormRow;
  const ops = r[11];
  const formOperands: OperandSpec[] = new Array<OperandSpec>(ops.length);
  for (let k = 0; k < ops.length; k++) formOperands[k] = operands[ops[k]];
  const form: Form = {
    id, mnemonic: r[0], op: r[1], map: r[2] as OpMap, opcode: r[3], prefix: r[4] as MandatoryPrefix,
    regExt: r[5], rmExt: r[6], mod: r[7] as ModKind, hasModrm: r[8] === 1, w: r[9] as Form['w'], l: r[10] as Form['l'],
    operands: formOperands, feature: r[12] as Feature, flow: r[13] as Flow, flagsRead: r[14],
    flagsWritten: r[15], flagsUndefined: r[16], nacl: r[17], forbidden: r[18] as Forbidden, osz: r[19] as Form['osz'],
  };
  forms[id] = form;
  extras[id] = {
    prefixMatch: r[20], opSizeReq: r[21], addrSizeReq: r[22], implicitRead: implicit(r[23]), implicitWrite: implicit(r[24]),
    lockable: r[25] === 1, noRexB: r[26] === 1, modIgnored: r[27] === 1,
  };
  return form;
}

/** The Form record of form id `id`. */
export function formAt(id: number): Form {
  return forms[id] ?? build(id);
}

/** Decoder-internal extras of form id `id`. */
export function formExtraAt(id: number): FormExtra {
  return extras[id] ?? (build(id), extras[id]!);
}

let all: readonly Form[] | undefined;

/** Every Form record, indexed by id (builds the ones not built yet: for tools and tests). */
export function allForms(): readonly Form[] {
  if (all === undefined) {
    for (let id = 0; id < FORM_COUNT; id++) formAt(id);
    all = forms as Form[];
  }
  return all;
}

/** Every form's extras, parallel to allForms(). */
export function allFormExtras(): readonly FormExtra[] {
  allForms();
  return extras as FormExtra[];
}
