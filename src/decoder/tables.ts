// Lookup tables for the fast decoder, built once from FORMS: per-slot candidate lists
// (slot = map * 256 + opcode) and per-form typed arrays of the fields decodeFast tests.
import { FORMS, FORM_EXTRAS } from './forms.ts';
import { PREFIX_ANY, PREFIX_NO_REP } from './spec.ts';
import { ModKind, OperandKind, OP_MAP_COUNT, OpMap, RegClass, Width } from './types.ts';

/** Immediate layout codes (FORM_IMM). */
export const Imm = {
  None: 0, B: 1, W: 2, D: 3, Z: 4, V: 5, Moffs: 6, WB: 7, BB: 8, RelB: 9, RelZ: 10, RelZ16: 11,
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
/** 1 = VSIB memory operand (gathers): the SIB index is a vector register, index 4 included. */
export const FORM_VSIB = new Uint8Array(n);
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
      // Near branches ignore 66 in 64-bit mode (f64); xbegin honours it.
      code = o.width === Width.B ? Imm.RelB : FORMS[formIndex].osz === 'f64' ? Imm.RelZ : Imm.RelZ16;
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
  if (f.operands.some((o) => o.cls === RegClass.XMM)) return Osz.Vec;
  if (f.map >= OpMap.Vex0F && f.operands.length === 0) return Osz.Vec; // vzeroupper/vzeroall
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
  FORM_VSIB[i] = /gather/.test(f.mnemonic) ? 1 : 0;
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

/**
 * Selection key of one instruction (built by decodeFast) and, per candidate, the mask/value pair
 * it must match: (key & CAND_MASK[i]) === CAND_VALUE[i]. Key bits: 0-1 mandatory prefix
 * (0 none, 1 66, 2 F3, 3 F2), 2-4 ModRM.reg, 5 mod = 3, 6-8 ModRM.rm, 9 W, 10 L, 11-12 operand
 * size (0: 32, 1: 16, 2: 64), 13 REX.B, 14 address size 32.
 */
export const KEY = {
  REG_SHIFT: 2, MOD3: 1 << 5, RM_SHIFT: 6, W: 1 << 9, L: 1 << 10, OSZ_SHIFT: 11, REXB: 1 << 13, ADDR32: 1 << 14,
} as const;
export const CAND_MASK = new Uint32Array(candidates.length);
export const CAND_VALUE = new Uint32Array(candidates.length);
candidates.forEach((fi, i) => {
  const f = FORMS[fi];
  const x = FORM_EXTRAS[fi];
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

/**
 * Packed per-form facts for decodeFast (one load per instruction): bits 0-3 immediate layout
 * (Imm), 4 signed immediate, 5-7 operand-size kind (Osz), 8 lockable, 9 uses VEX.vvvv, 10 VSIB,
 * 16-31 op id.
 */
export const FORM_INFO = new Uint32Array(n);
for (let i = 0; i < n; i++) {
  FORM_INFO[i] = (FORM_IMM[i] | (FORM_IMM_SIGNED[i] << 4) | (FORM_OSZ[i] << 5) | (FORM_LOCKABLE[i] << 8) |
    (FORM_USES_VVVV[i] << 9) | (FORM_VSIB[i] << 10) | (FORM_OP[i] << 16)) >>> 0;
}
/** Packed per-slot facts: bits 0-1 ModRM kind (SLOT_MODRM), 2-9 candidate count, 10-31 first candidate. */
export const SLOT_INFO = new Uint32Array(SLOTS);
for (let s = 0; s < SLOTS; s++) {
  if (SLOT_COUNT[s] > 255) throw new Error('slot with more than 255 candidates');
  SLOT_INFO[s] = (SLOT_MODRM[s] | (SLOT_COUNT[s] << 2) | (SLOT_START[s] << 10)) >>> 0;
}
/** Candidates interleaved as [mask, value, form] triples (one cache line for a short list). */
export const CAND_TRIPLES = new Uint32Array(CANDIDATES.length * 3);
for (let i = 0; i < CANDIDATES.length; i++) {
  CAND_TRIPLES[3 * i] = CAND_MASK[i];
  CAND_TRIPLES[3 * i + 1] = CAND_VALUE[i];
  CAND_TRIPLES[3 * i + 2] = CANDIDATES[i];
}

/** Per slot: the form when the slot holds one candidate without constraints (no search needed), else -1. */
export const SLOT_DIRECT = new Int16Array(SLOTS).fill(-1);
for (let s = 0; s < SLOTS; s++) {
  if (SLOT_COUNT[s] === 1 && CAND_MASK[SLOT_START[s]] === 0) SLOT_DIRECT[s] = CANDIDATES[SLOT_START[s]];
}
