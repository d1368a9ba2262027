// Codes and layouts shared by the table builder (build/) and the decoder: hand-written constants.
import { OP_MAP_COUNT } from './types.ts';

/** Opcode slots: slot = map * 256 + opcode. */
export const SLOTS = OP_MAP_COUNT * 256;

/** Immediate layout codes (FORM_IMM). */
export const Imm = {
  None: 0, B: 1, W: 2, D: 3, Z: 4, V: 5, Moffs: 6, WB: 7, BB: 8, RelB: 9, RelZ: 10, RelZ16: 11,
} as const;

/** Operand-size kinds (FORM_OSZ). */
export const Osz = { Normal: 0, D64: 1, F64: 2, Byte: 3, Vec: 4, Mmx: 5, None: 6 } as const;

/**
 * Selection key of one instruction (built by decodeFast) and, per candidate, the mask/value pair
 * it must match: (key & CAND_MASK[i]) === CAND_VALUE[i]. Key bits: 0-1 mandatory prefix
 * (0 none, 1 66, 2 F3, 3 F2), 2-4 ModRM.reg, 5 mod = 3, 6-8 ModRM.rm, 9 W, 10 L, 11-12 operand
 * size (0: 32, 1: 16, 2: 64), 13 REX.B, 14 address size 32.
 */
export const KEY = {
  REG_SHIFT: 2, MOD3: 1 << 5, RM_SHIFT: 6, W: 1 << 9, L: 1 << 10, OSZ_SHIFT: 11, REXB: 1 << 13, ADDR32: 1 << 14,
} as const;

/** Offsets of the fixed sections of FAST (decodeFast spells them as literals; a test checks them). */
export const FastTable = {
  /** 256 byte classes (ByteClass, or the byte's Prefix bit for legacy prefixes). */
  ByteClass: 0,
  /** 64 operand sizes, indexed by (Osz kind << 3) | (VEX.L << 2) | size class (0: 32, 1: 16 with 66, 2: 64 with W). */
  OpSize: 256,
  /** 2048 immediate layouts, indexed by (Imm code << 7) | (address size 32 << 6) | OpSize index. */
  ImmLayout: 320,
  /** Four int32 per slot (slot = map * 256 + opcode), see build/dispatch.ts; one extra record for 0F 0F. */
  Slot: 2368,
  /** The pseudo record used while a 3DNow! instruction's opcode (its trailing byte) is unknown. */
  Now3DPending: 2368 + SLOTS * 4,
  /** Start of the variable sections. */
  End: 2368 + SLOTS * 4 + 4,
} as const;

/** BYTE_CLASS values above the legacy prefix bits (which are 0x1..0x400 and stand for themselves). */
export const ByteClass = { Opcode: 0, Rex: 0x800, Escape0F: 0x1000, VexLike: 0x2000, Invalid64: 0x4000 } as const;

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
 * Bits of FORM_LAYOUT (one int per form, in the generated tables): where a form sits and how its
 * bytes are laid out, for start-up code that scans every form without building Form records.
 */
export const FormLayout = {
  /** Bits 0-7: the opcode byte; bits 8-11: the opcode map. */
  MapShift: 8, ModRM: 1 << 12, ModIgnored: 1 << 13, OpReg: 1 << 14, FeatureShift: 16,
} as const;
