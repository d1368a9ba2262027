// FORMS: the instruction table as Form records, rebuilt from tables.generated.ts (derived at build
// time from the hand-written spec lines in table-*.ts by build/forms.ts).
import type { FormExtra, ImplicitGpr } from './spec.ts';
import { TABLE_DATA } from './tables.generated.ts';
import type { Access, Feature, Flow, Forbidden, Form, MandatoryPrefix, ModKind, OperandKind, OperandSpec, OpMap, RegClass, Width } from './types.ts';

/** Semantic operation names; OPS[op] is the name of op id `op`. */
export const OPS: readonly string[] = TABLE_DATA.ops;

const opIds = new Map<string, number>();
OPS.forEach((name, id) => opIds.set(name, id));

/** The op id of an operation name (throws for unknown names: catches typos at start-up). */
export function opId(name: string): number {
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

// A plain indexed loop: it runs once per process, before anything is optimized.
const rows = TABLE_DATA.forms;
const forms: Form[] = new Array<Form>(rows.length);
const extras: FormExtra[] = new Array<FormExtra>(rows.length);
for (let id = 0; id < rows.length; id++) {
  const r = rows[id];
  const ops = r[11];
  const formOperands: OperandSpec[] = new Array<OperandSpec>(ops.length);
  for (let k = 0; k < ops.length; k++) formOperands[k] = operands[ops[k]];
  forms[id] = {
    id, mnemonic: r[0], op: r[1], map: r[2] as OpMap, opcode: r[3], prefix: r[4] as MandatoryPrefix,
    regExt: r[5], rmExt: r[6], mod: r[7] as ModKind, hasModrm: r[8] === 1, w: r[9] as Form['w'], l: r[10] as Form['l'],
    operands: formOperands, feature: r[12] as Feature, flow: r[13] as Flow, flagsRead: r[14],
    flagsWritten: r[15], flagsUndefined: r[16], nacl: r[17], forbidden: r[18] as Forbidden, osz: r[19] as Form['osz'],
  };
  extras[id] = {
    prefixMatch: r[20], opSizeReq: r[21], addrSizeReq: r[22], implicitRead: implicit(r[23]), implicitWrite: implicit(r[24]),
    lockable: r[25] === 1, noRexB: r[26] === 1, modIgnored: r[27] === 1,
  };
}

export const FORMS: readonly Form[] = forms;
/** Decoder-internal extras, parallel to FORMS. */
export const FORM_EXTRAS: readonly FormExtra[] = extras;
