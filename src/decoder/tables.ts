// Lookup tables for the fast decoder, built once from FORMS: per-slot candidate lists
// (slot = map * 256 + opcode) and per-form typed arrays of the fields decodeFast tests.
import { FORMS, FORM_EXTRAS } from './forms.ts';
import { PREFIX_ANY } from './spec.ts';
import { ModKind, OperandKind, OP_MAP_COUNT, OpMap, RegClass, Width } from './types.ts';

/** Immediate layout codes (FORM_IMM). */
export const Imm = {
  None: 0, B: 1, W: 2, D: 3, Z: 4, V: 5, Moffs: 6, WB: 7, BB: 8, RelB: 9, RelZ: 10,
} as const;

/** Operand-size kinds (FORM_OSZ). */
export const Osz = { Normal: 0, D64: 1, F64: 2, Byte: 3, Vec: 4, Mmx: 5, None: 6 } as const;

const n = FORMS.length;
export const FORM_PREFIX = new Uint8Array(n);
export const FORM_REG = new Int8Array(n);
export const FORM_RM = new Int8Array(n);
export const FORM_MOD = new Uint8Array(n);
export const FORM_W = new Int8Array(n);
export const FORM_L = new Int8Array(n);
export const FORM_OPSIZE_REQ = new Uint8Array(n);
export const FORM_NO_REXB = new Uint8Array(n);
export const FORM_ADDR_REQ = new Uint8Array(n);
export const FORM_IMM = new Uint8Array(n);
export const FORM_IMM_SIGNED = new Uint8Array(n);
export const FORM_OSZ = new Uint8Array(n);
export const FORM_LOCKABLE = new Uint8Array(n);
export const FORM_USES_VVVV = new Uint8Array(n);
export const FORM_OP = new Uint16Array(n);

const SLOTS = OP_MAP_COUNT * 256;
export const SLOT_START = new Int32Array(SLOTS);
export const SLOT_COUNT = new Uint16Array(SLOTS);
/** 1 = ModRM follows the opcode; 2 = ModRM whose mod is ignored (mov CR/DR). */
export const SLOT_MODRM = new Uint8Array(SLOTS);

function immCode(formIndex: number): number {
  const ops = FORMS[formIndex].operands;
  let code: number = Imm.None;
  for (const o of ops) {
    if (o.kind === OperandKind.Imm) {
      code = o.width === Width.B ? Imm.B : o.width === Width.W ? Imm.W : o.width === Width.D ? Imm.D
        : o.width === Width.Z ? Imm.Z : Imm.V;
    } else if (o.kind === OperandKind.Imm2) {
      code = code === Imm.W ? Imm.WB : Imm.BB;
    } else if (o.kind === OperandKind.Rel) {
      code = o.width === Width.B ? Imm.RelB : Imm.RelZ;
    } else if (o.kind === OperandKind.Moffs) {
      code = Imm.Moffs;
    } else if (o.kind === OperandKind.Is4) {
      if (code === Imm.None) code = Imm.B;
    }
  }
  return code;
}

function oszKind(formIndex: number): number {
  const f = FORMS[formIndex];
  if (f.osz === 'd64') return Osz.D64;
  if (f.osz === 'f64') return Osz.F64;
  if (f.osz === 'byte') return Osz.Byte;
  if (f.map >= OpMap.Vex0F) return Osz.Vec;
  if (f.operands.some((o) => o.cls === RegClass.XMM)) return Osz.Vec;
  if (f.operands.some((o) => o.cls === RegClass.MMX)) return Osz.Mmx;
  return Osz.Normal;
}

function specificity(i: number): number {
  const f = FORMS[i];
  const x = FORM_EXTRAS[i];
  return (f.rmExt >= 0 ? 16 : 0) + (x.prefixMatch !== PREFIX_ANY ? 8 : 0) + (x.noRexB ? 4 : 0) +
    (x.opSizeReq !== 0 || x.addrSizeReq !== 0 ? 2 : 0) + (f.w >= 0 ? 1 : 0);
}

const bySlot: number[][] = Array.from({ length: SLOTS }, () => []);
for (let i = 0; i < n; i++) {
  const f = FORMS[i];
  const x = FORM_EXTRAS[i];
  FORM_PREFIX[i] = x.prefixMatch;
  FORM_REG[i] = f.regExt;
  FORM_RM[i] = f.rmExt;
  FORM_MOD[i] = f.mod;
  FORM_W[i] = f.w;
  FORM_L[i] = f.l;
  FORM_OPSIZE_REQ[i] = x.opSizeReq;
  FORM_NO_REXB[i] = x.noRexB ? 1 : 0;
  FORM_ADDR_REQ[i] = x.addrSizeReq;
  FORM_IMM[i] = immCode(i);
  FORM_IMM_SIGNED[i] = f.operands.some((o) => o.kind === OperandKind.Imm && o.reg === 1) ? 1 : 0;
  FORM_OSZ[i] = oszKind(i);
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
  list.sort((a, b) => specificity(b) - specificity(a) || a - b);
  SLOT_START[s] = candidates.length;
  SLOT_COUNT[s] = list.length;
  for (const i of list) candidates.push(i);
}
export const CANDIDATES = Uint16Array.from(candidates);

/** Prefix byte -> Prefix bit (0 = not a legacy prefix). */
export const PREFIX_BIT = new Uint16Array(256);
PREFIX_BIT[0xf0] = 0x1;
PREFIX_BIT[0xf3] = 0x2;
PREFIX_BIT[0xf2] = 0x4;
PREFIX_BIT[0x66] = 0x8;
PREFIX_BIT[0x67] = 0x10;
PREFIX_BIT[0x2e] = 0x20;
PREFIX_BIT[0x3e] = 0x40;
PREFIX_BIT[0x26] = 0x80;
PREFIX_BIT[0x36] = 0x100;
PREFIX_BIT[0x64] = 0x200;
PREFIX_BIT[0x65] = 0x400;

/** One-byte opcodes that are invalid in 64-bit mode (and not reused as prefixes/escapes). */
export const INVALID_64 = new Uint8Array(256);
for (const b of [0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f, 0x27, 0x2f, 0x37, 0x3f, 0x60, 0x61, 0x82, 0x9a, 0xce,
  0xd4, 0xd5, 0xd6, 0xea]) INVALID_64[b] = 1;

/** EVEX map-1 opcodes with an imm8 (for length only). */
export const EVEX_MAP1_IMM = new Uint8Array(256);
for (const b of [0x70, 0x71, 0x72, 0x73, 0xc2, 0xc4, 0xc5, 0xc6]) EVEX_MAP1_IMM[b] = 1;
