// The XOP-encoded forms inside NaCl's grammar (general_purpose_instructions.def): TBM's blcfill,
// blci, blcic, blcmsk, blcs, blsfill, blsic, t1mskc, tzmsk; LWP's llwpcb, slwpcb, lwpins, lwpval;
// and bextr with an immediate. Their CPU features are off in NaCl's policy, so each is an
// "unrecognized instruction", but NaCl parses them and goes on after them, with their memory
// operand and register writes checked like any instruction's. Every other XOP encoding is outside
// its grammar (the walk of the bundle ends there). Our decoder only measures XOP instructions, so
// the shapes NaCl's generator (gen_dfa.py) makes of those .def lines are written out here:
// - no legacy or REX prefix; XOP.L = 0 and pp = 00; W free (it picks the 32- or 64-bit variant);
// - vvvv free where it names an operand (dest, src1), 1111 where the .def says 1111;
// - the inverted R/X/B bits may be 0 only where they extend a register the form names: R a ModRM.reg
//   operand (bextr's Gy), B a ModRM.rm register or a base register, X a SIB index; elsewhere 1;
// - ModRM.reg as the /n says; the R-operand forms (llwpcb, slwpcb) need mod = 11.
import { Feature, RIP } from '../decoder/types.ts';

/** Where a form's written general-purpose register is. */
export const Dest = { None: 0, VexV: 1, Rm: 2, Reg: 3 } as const;

export interface XopForm {
  readonly mnemonic: string;
  /** XOP map select (9 or 0x0a). */
  readonly map: number;
  readonly opcode: number;
  /** ModRM.reg fixed by a /n, or -1 (a register operand there). */
  readonly ext: number;
  /** Only mod = 11 (an R operand). */
  readonly registerOnly: boolean;
  /** vvvv names an operand (any value); else it must be 1111. */
  readonly anyVvvv: boolean;
  readonly immBytes: number;
  readonly dest: number;
  /** Our feature for NaCl's label; all are outside NaCl's policy. LWP has no bit of its own here: XOP stands in. */
  readonly feature: number;
  /** NaCl's feature label, for messages. */
  readonly featureName: string;
}

function tbm(mnemonic: string, opcode: number, ext: number): XopForm {
  return { mnemonic, map: 9, opcode, ext, registerOnly: false, anyVvvv: true, immBytes: 0, dest: Dest.VexV, feature: Feature.TBM, featureName: 'TBM' };
}
function lwp(mnemonic: string, map: number, ext: number, registerOnly: boolean, dest: number): XopForm {
  return { mnemonic, map, opcode: 0x12, ext, registerOnly, anyVvvv: map === 0x0a, immBytes: map === 0x0a ? 4 : 0, dest, feature: Feature.XOP, featureName: 'LWP' };
}

export const XOP_FORMS: readonly XopForm[] = [
  tbm('blcfill', 0x01, 1), tbm('blsfill', 0x01, 2), tbm('blcs', 0x01, 3), tbm('tzmsk', 0x01, 4),
  tbm('blcic', 0x01, 5), tbm('blsic', 0x01, 6), tbm('t1mskc', 0x01, 7), tbm('blcmsk', 0x02, 1), tbm('blci', 0x02, 6),
  lwp('llwpcb', 0x09, 0, true, Dest.None), lwp('slwpcb', 0x09, 1, true, Dest.Rm),
  lwp('lwpins', 0x0a, 0, false, Dest.None), lwp('lwpval', 0x0a, 1, false, Dest.None),
  // NaCl labels it BMI1 (the CPU's bit is TBM); both are off in its policy.
  { mnemonic: 'bextr', map: 0x0a, opcode: 0x10, ext: -1, registerOnly: false, anyVvvv: false, immBytes: 4, dest: Dest.Reg, feature: Feature.BMI1, featureName: 'BMI1' },
];

/** (map, opcode, ModRM.reg) -> form. */
const BY_KEY = new Map<number, XopForm>();
const key = (map: number, opcode: number, reg: number): number => (map << 11) | (opcode << 3) | reg;
for (const f of XOP_FORMS) for (let reg = 0; reg < 8; reg++) if (f.ext < 0 || f.ext === reg) BY_KEY.set(key(f.map, f.opcode, reg), f);

/** One of the forms as found in the bytes (a reused record: read it before the next match). */
export interface XopMatch {
  form: XopForm;
  length: number;
  hasMem: boolean;
  /** Base register 0..15, RIP, or -1 (none). */
  base: number;
  /** Index register, or -1. */
  index: number;
  /** The written GPR, or -1. */
  destReg: number;
  /** Its width: 32 or 64 (XOP.W). */
  bits: number;
}
const MATCH: XopMatch = { form: XOP_FORMS[0]!, length: 0, hasMem: false, base: -1, index: -1, destReg: -1, bits: 0 };

/** The bytes at `pos` as one of the forms, or undefined when they are not one (within `end`). */
export function matchXop(code: Uint8Array, pos: number, end: number): XopMatch | undefined {
  if (pos + 5 > end || code[pos] !== 0x8f) return undefined;
  const b1 = code[pos + 1]!;
  const b2 = code[pos + 2]!;
  const modrm = code[pos + 4]!;
  const mod = modrm >> 6;
  const reg = (modrm >> 3) & 7;
  const rm = modrm & 7;
  const form = BY_KEY.get(key(b1 & 31, code[pos + 3]!, reg));
  if (form === undefined) return undefined;
  if ((b2 & 7) !== 0) return undefined; // L = 0, pp = 00
  const vvvv = (~b2 >> 3) & 15;
  if (!form.anyVvvv && vvvv !== 0) return undefined;
  if (form.registerOnly && mod !== 3) return undefined;
  const r = (~b1 >> 7) & 1;
  const x = (~b1 >> 6) & 1;
  const b = (~b1 >> 5) & 1;
  // R extends only a ModRM.reg operand; the one form with such an operand (bextr) writes it.
  if (r !== 0 && form.dest !== Dest.Reg) return undefined;
  let p = pos + 5;
  let base = -1;
  let index = -1;
  let xUsed = false;
  let bUsed = true;
  let disp = mod === 1 ? 1 : mod === 2 ? 4 : 0;
  if (mod !== 3) {
    if (rm === 4) {
      if (p >= end) return undefined;
      const sib = code[p++]!;
      xUsed = true;
      index = ((sib >> 3) & 7) | (x << 3);
      if (index === 4) index = -1; // no index (%riz)
      if (mod === 0 && (sib & 7) === 5) {
        bUsed = false; // no base: disp32 only
        disp = 4;
      } else {
        base = (sib & 7) | (b << 3);
      }
    } else if (mod === 0 && rm === 5) {
      bUsed = false;
      base = RIP;
      disp = 4;
    } else {
      base = rm | (b << 3);
    }
  }
  if ((x !== 0 && !xUsed) || (b !== 0 && !bUsed)) return undefined;
  const length = p - pos + disp + form.immBytes;
  if (pos + length > end) return undefined;
  const m = MATCH;
  m.form = form;
  m.length = length;
  m.hasMem = mod !== 3;
  m.base = base;
  m.index = index;
  m.bits = (b2 & 0x80) !== 0 ? 64 : 32;
  m.destReg = form.dest === Dest.VexV ? vvvv : form.dest === Dest.Rm ? rm | (b << 3) : form.dest === Dest.Reg ? reg | (r << 3) : -1;
  return m;
}

/** The grammar XOP form at `pos` (ending by `end`), or undefined. */
export function xopFormAt(code: Uint8Array, pos: number, end: number): XopForm | undefined {
  return matchXop(code, pos, end)?.form;
}
