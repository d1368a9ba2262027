// Dispatch tables for decodeFast's hot path, derived from the lookup tables in tables.ts: one
// load classifies a byte, one slot record gives the ModRM kind, the form and its facts, and small
// tables replace the branch chains for operand and immediate sizes.
import {
  CAND_MASK, CAND_VALUE, CANDIDATES, FORM_INFO, Imm, INVALID_64, Osz, PREFIX_BIT, SLOT_COUNT, SLOT_DIRECT, SLOT_INFO, SLOT_START,
} from './tables.ts';
import { FORMS } from './forms.ts';
import { OP_MAP_COUNT, OpMap } from './types.ts';

/**
 * FORM_INFO plus bit 11 for forms that need a check beyond the table (segment register moves,
 * control/debug register moves, VSIB): decodeFast leaves its straight path only for those.
 */
export const FAST_INFO = new Int32Array(FORM_INFO.length);
for (let i = 0; i < FORM_INFO.length; i++) {
  const f = FORMS[i];
  const special = (f.map === OpMap.Legacy && (f.opcode === 0x8c || f.opcode === 0x8e)) ||
    (f.map === OpMap.M0F && f.opcode >= 0x20 && f.opcode <= 0x23) || (FORM_INFO[i] & 0x400) !== 0;
  FAST_INFO[i] = FORM_INFO[i] | (special ? 0x800 : 0);
}

/** BYTE_CLASS values above the legacy prefix bits (which are 0x1..0x400 and stand for themselves). */
export const ByteClass = { Opcode: 0, Rex: 0x800, Escape0F: 0x1000, VexLike: 0x2000, Invalid64: 0x4000 } as const;

/** First-byte class: a legacy prefix's Prefix bit, REX, the 0F escape, C4/C5/62/8F, or invalid in 64-bit mode. */
export const BYTE_CLASS = new Uint16Array(256);
for (let b = 0; b < 256; b++) {
  if (PREFIX_BIT[b] !== 0) BYTE_CLASS[b] = PREFIX_BIT[b];
  else if ((b & 0xf0) === 0x40) BYTE_CLASS[b] = ByteClass.Rex;
  else if (b === 0x0f) BYTE_CLASS[b] = ByteClass.Escape0F;
  else if (b === 0xc4 || b === 0xc5 || b === 0x62 || b === 0x8f) BYTE_CLASS[b] = ByteClass.VexLike;
  else if (INVALID_64[b] !== 0) BYTE_CLASS[b] = ByteClass.Invalid64;
}

/** Bits of the selection key (see KEY in tables.ts) that SUB6 tables resolve: mandatory prefix, ModRM.reg, mod = 3. */
const LOW6 = 0x3f;
const SLOTS = OP_MAP_COUNT * 256;
const sub: number[] = [];

/**
 * Four int32 per slot: [0] SLOT_INFO, [1] the direct form or -1, [2] FORM_INFO of the direct form,
 * [3] start of the slot's 64-entry SUB6 table (when its candidates test only the low six key
 * bits) or -1.
 */
export const SLOT_RECORD = new Int32Array(SLOTS * 4);
for (let s = 0; s < SLOTS; s++) {
  const direct = SLOT_DIRECT[s];
  SLOT_RECORD[4 * s] = SLOT_INFO[s];
  SLOT_RECORD[4 * s + 1] = direct;
  SLOT_RECORD[4 * s + 2] = direct >= 0 ? FAST_INFO[direct] : 0;
  SLOT_RECORD[4 * s + 3] = -1;
  const first = SLOT_START[s];
  const count = SLOT_COUNT[s];
  if (direct >= 0 || count === 0) continue;
  let union = 0;
  for (let i = first; i < first + count; i++) union |= CAND_MASK[i];
  if ((union & ~LOW6) !== 0) continue;
  SLOT_RECORD[4 * s + 3] = sub.length;
  for (let key = 0; key < 64; key++) {
    let form = -1;
    for (let i = first; i < first + count; i++) {
      if ((key & CAND_MASK[i]) === CAND_VALUE[i]) {
        form = CANDIDATES[i];
        break;
      }
    }
    sub.push(form);
  }
}
/** Per low-six-bit key, the first matching candidate of the slot (-1: none). */
export const SUB6 = Int16Array.from(sub);

/**
 * Operand size in bits, indexed by (Osz kind << 3) | (VEX.L << 2) | size class (0: 32, 1: 16
 * with 66, 2: 64 with W).
 */
export const OPSIZE_BY_KIND = new Uint16Array(64);
for (let k = 0; k < 8; k++) {
  for (let l = 0; l < 2; l++) {
    for (let c = 0; c < 4; c++) {
      const normal = c === 1 ? 16 : c === 2 ? 64 : 32;
      let size = normal;
      if (k === Osz.D64) size = c === 1 ? 16 : 64;
      else if (k === Osz.F64 || k === Osz.Mmx) size = 64;
      else if (k === Osz.Byte) size = 8;
      else if (k === Osz.Vec) size = l !== 0 ? 256 : 128;
      OPSIZE_BY_KIND[(k << 3) | (l << 2) | c] = size;
    }
  }
}

/**
 * Immediate layout, indexed by (Imm code << 7) | (address size 32 << 6) | the OPSIZE_BY_KIND
 * index: bits 0-3 first immediate's bytes, 4 a second imm8 follows, 5 it is a branch displacement.
 */
export const IMM_LAYOUT = new Uint8Array(16 << 7);
for (let kind = 0; kind < 12; kind++) {
  for (let a = 0; a < 2; a++) {
    for (let o = 0; o < 64; o++) {
      const opSize = OPSIZE_BY_KIND[o];
      let size = 0;
      let size2 = 0;
      switch (kind) {
        case Imm.B: case Imm.RelB: size = 1; break;
        case Imm.W: size = 2; break;
        case Imm.D: case Imm.RelZ: size = 4; break;
        case Imm.Z: case Imm.RelZ16: size = opSize === 16 ? 2 : 4; break;
        case Imm.V: size = opSize === 16 ? 2 : opSize === 64 ? 8 : 4; break;
        case Imm.Moffs: size = a !== 0 ? 4 : 8; break;
        case Imm.WB: size = 2; size2 = 1; break;
        case Imm.BB: size = 1; size2 = 1; break;
      }
      const rel = kind === Imm.RelB || kind === Imm.RelZ || kind === Imm.RelZ16 ? 1 : 0;
      IMM_LAYOUT[(kind << 7) | (a << 6) | o] = size | (size2 << 4) | (rel << 5);
    }
  }
}
