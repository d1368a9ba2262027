// Build step 2: the fast decoder's lookup tables, derived from the Form records: per-form typed
// arrays of the fields decodeFast tests and per-slot candidate lists (slot = map * 256 + opcode).
import type { FormExtra } from '../spec.ts';
import { PREFIX_ANY, PREFIX_NO_REP } from '../spec.ts';
import { Imm, KEY, Osz, SLOTS } from '../table-constants.ts';
import { ModKind, OperandKind, OpMap, RegClass, Width, type Form } from '../types.ts';

function immCode(f: Form): number {
  let code: number = Imm.None;
  for (const o of f.operands) {
    if (o.kind === OperandKind.Imm) {
      code = o.width === Width.B ? Imm.B : o.width === Width.W ? Imm.W : o.width === Width.D ? Imm.D
        : o.width === Width.Z ? Imm.Z : Imm.V;
    } else if (o.kind === OperandKind.Imm2) {
      code = code === Imm.W ? Imm.WB : Imm.BB;
    } else if (o.kind === OperandKind.Rel) {
      // Near branches ignore 66 in 64-bit mode (f64); xbegin honours it.
      code = o.width === Width.B ? Imm.RelB : f.osz === 'f64' ? Imm.RelZ : Imm.RelZ16;
    } else if (o.kind === OperandKind.Moffs) {
      code = Imm.Moffs;
    } else if (o.kind === OperandKind.Is4) {
      if (code === Imm.None) code = Imm.B;
    }
  }
  return code;
}

function oszKind(f: Form): number {
  if (f.osz === 'd64') return Osz.D64;
  if (f.osz === 'f64') return Osz.F64;
  if (f.osz === 'byte') return Osz.Byte;
  if (f.operands.some((o) => o.cls === RegClass.XMM)) return Osz.Vec;
  if (f.map >= OpMap.Vex0F && f.operands.length === 0) return Osz.Vec; // vzeroupper/vzeroall
  if (f.operands.some((o) => o.cls === RegClass.MMX)) return Osz.Mmx;
  return Osz.Normal;
}

function specificity(f: Form, x: FormExtra): number {
  return (f.rmExt >= 0 ? 16 : 0) + (x.prefixMatch !== PREFIX_ANY ? 8 : 0) + (x.noRexB ? 4 : 0) +
    (x.opSizeReq !== 0 || x.addrSizeReq !== 0 ? 2 : 0) + (f.w >= 0 ? 1 : 0);
}

/** Builds every lookup table of tables.ts from the forms and their extras. */
export function buildTables(forms: readonly Form[], extras: readonly FormExtra[]) {
  const n = forms.length;
  const FORM_PREFIX = new Uint8Array(n);
  const FORM_REG = new Int8Array(n);
  const FORM_RM = new Int8Array(n);
  const FORM_MOD = new Uint8Array(n);
  const FORM_W = new Int8Array(n);
  const FORM_L = new Int8Array(n);
  const FORM_OPSIZE_REQ = new Uint8Array(n);
  const FORM_NO_REXB = new Uint8Array(n);
  const FORM_ADDR_REQ = new Uint8Array(n);
  const FORM_VSIB = new Uint8Array(n);
  const FORM_IMM = new Uint8Array(n);
  const FORM_IMM_SIGNED = new Uint8Array(n);
  const FORM_OSZ = new Uint8Array(n);
  const FORM_LOCKABLE = new Uint8Array(n);
  const FORM_USES_VVVV = new Uint8Array(n);
  const FORM_OP = new Uint16Array(n);
  const SLOT_START = new Int32Array(SLOTS);
  const SLOT_COUNT = new Uint16Array(SLOTS);
  const SLOT_MODRM = new Uint8Array(SLOTS);

  const bySlot: number[][] = Array.from({ length: SLOTS }, () => []);
  for (let i = 0; i < n; i++) {
    const f = forms[i];
    const x = extras[i];
    FORM_PREFIX[i] = x.prefixMatch;
    FORM_REG[i] = f.regExt;
    FORM_RM[i] = f.rmExt;
    FORM_MOD[i] = f.mod;
    FORM_W[i] = f.w;
    FORM_L[i] = f.l;
    FORM_OPSIZE_REQ[i] = x.opSizeReq;
    FORM_NO_REXB[i] = x.noRexB ? 1 : 0;
    FORM_ADDR_REQ[i] = x.addrSizeReq;
    FORM_VSIB[i] = /gather/.test(f.mnemonic) ? 1 : 0;
    FORM_IMM[i] = immCode(f);
    FORM_IMM_SIGNED[i] = f.operands.some((o) => o.kind === OperandKind.Imm && o.reg === 1) ? 1 : 0;
    FORM_OSZ[i] = oszKind(f);
    FORM_LOCKABLE[i] = x.lockable ? 1 : 0;
    FORM_USES_VVVV[i] = f.operands.some((o) => o.kind === OperandKind.VexV) ? 1 : 0;
    FORM_OP[i] = f.op;
    // Forms with a register in the opcode's low bits occupy eight slots.
    const span = f.operands.some((o) => o.kind === OperandKind.OpReg) ? 8 : 1;
    for (let k = 0; k < span; k++) {
      const slot = f.map * 256 + f.opcode + k;
      bySlot[slot].push(i);
      if (f.hasModrm) SLOT_MODRM[slot] = x.modIgnored ? 2 : 1;
    }
    if (f.mod === ModKind.Reg && f.rmExt >= 0 && !f.hasModrm) throw new Error('fixed ModRM without ModRM');
  }
  const candidates: number[] = [];
  for (let s = 0; s < SLOTS; s++) {
    const list = bySlot[s];
    // Stable sort: the most constrained forms are tried first.
    list.sort((a, b) => specificity(forms[b], extras[b]) - specificity(forms[a], extras[a]) || a - b);
    SLOT_START[s] = candidates.length;
    SLOT_COUNT[s] = list.length;
    for (const i of list) candidates.push(i);
  }
  const CANDIDATES = Uint16Array.from(candidates);

  const CAND_MASK = new Uint32Array(candidates.length);
  const CAND_VALUE = new Uint32Array(candidates.length);
  candidates.forEach((fi, i) => {
    const f = forms[fi];
    const x = extras[fi];
    let mask = 0;
    let value = 0;
    if (x.prefixMatch === PREFIX_NO_REP) mask |= 2;
    else if (x.prefixMatch !== PREFIX_ANY) { mask |= 3; value |= x.prefixMatch; }
    if (f.regExt >= 0) { mask |= 7 << KEY.REG_SHIFT; value |= f.regExt << KEY.REG_SHIFT; }
    if (f.mod === ModKind.Reg) { mask |= KEY.MOD3; value |= KEY.MOD3; } else if (f.mod === ModKind.Mem) mask |= KEY.MOD3;
    if (f.rmExt >= 0) { mask |= 7 << KEY.RM_SHIFT; value |= f.rmExt << KEY.RM_SHIFT; }
    if (f.w >= 0) { mask |= KEY.W; if (f.w === 1) value |= KEY.W; }
    if (f.l >= 0) { mask |= KEY.L; if (f.l === 1) value |= KEY.L; }
    if (x.opSizeReq !== 0) { mask |= 3 << KEY.OSZ_SHIFT; value |= (x.opSizeReq === 16 ? 1 : x.opSizeReq === 64 ? 2 : 0) << KEY.OSZ_SHIFT; }
    if (x.noRexB) mask |= KEY.REXB;
    if (x.addrSizeReq === 32) { mask |= KEY.ADDR32; value |= KEY.ADDR32; }
    CAND_MASK[i] = mask;
    CAND_VALUE[i] = value;
  });

  const FORM_INFO = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    FORM_INFO[i] = (FORM_IMM[i] | (FORM_IMM_SIGNED[i] << 4) | (FORM_OSZ[i] << 5) | (FORM_LOCKABLE[i] << 8) |
      (FORM_USES_VVVV[i] << 9) | (FORM_VSIB[i] << 10) | (FORM_OP[i] << 16)) >>> 0;
  }
  const SLOT_INFO = new Uint32Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) {
    if (SLOT_COUNT[s] > 255) throw new Error('slot with more than 255 candidates');
    SLOT_INFO[s] = (SLOT_MODRM[s] | (SLOT_COUNT[s] << 2) | (SLOT_START[s] << 10)) >>> 0;
  }
  const CAND_TRIPLES = new Uint32Array(CANDIDATES.length * 3);
  for (let i = 0; i < CANDIDATES.length; i++) {
    CAND_TRIPLES[3 * i] = CAND_MASK[i];
    CAND_TRIPLES[3 * i + 1] = CAND_VALUE[i];
    CAND_TRIPLES[3 * i + 2] = CANDIDATES[i];
  }
  const SLOT_DIRECT = new Int16Array(SLOTS).fill(-1);
  for (let s = 0; s < SLOTS; s++) {
    if (SLOT_COUNT[s] === 1 && CAND_MASK[SLOT_START[s]] === 0) SLOT_DIRECT[s] = CANDIDATES[SLOT_START[s]];
  }
  return {
    FORM_PREFIX, FORM_REG, FORM_RM, FORM_MOD, FORM_W, FORM_L, FORM_OPSIZE_REQ, FORM_NO_REXB, FORM_ADDR_REQ, FORM_VSIB,
    FORM_IMM, FORM_IMM_SIGNED, FORM_OSZ, FORM_LOCKABLE, FORM_USES_VVVV, FORM_OP, SLOT_START, SLOT_COUNT, SLOT_MODRM,
    CANDIDATES, CAND_MASK, CAND_VALUE, FORM_INFO, SLOT_INFO, CAND_TRIPLES, SLOT_DIRECT,
  };
}

export type BuiltTables = ReturnType<typeof buildTables>;
