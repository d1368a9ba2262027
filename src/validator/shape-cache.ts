// The fast walk's table of instruction summaries keyed by instruction *shape*. What the rules need
// from an ordinary instruction (instruction-summary.ts) depends only on its header: prefixes, REX
// or VEX, opcode bytes, ModRM and SIB (and, for 3DNow!, the trailing opcode byte). Displacement and
// immediate values do not matter; a direct branch's displacement is read back from the bytes. So
// a byte-level scanner finds the header and the displacement size, and a direct-mapped table keyed
// by the header bytes gives the summary and the immediate size. On a miss the exact path
// (summarize) runs and, once its decode is seen to agree with the scanner's layout, its summary
// is stored.
//
// The scanner's per-opcode fact (is there a ModRM byte) is derived from the decoder's per-form
// layouts (FORM_LAYOUT) at start-up; slots with irregular layouts are left to the exact path.
import { FORM_LAYOUT, FormLayout } from '../decoder/dispatch-tables.ts';
import { OpMap, type Decoded } from '../decoder/types.ts';
import { Branch, Mem, type Summary } from './instruction-summary.ts';

/** Scanner facts per (map * 256 + opcode) for maps Legacy..Vex0F3A (Now3D's slots unused). */
const ModrmKind = { None: 0, Modrm: 1, Slow: 2 } as const;
const MAPS = OpMap.Vex0F3A + 1;
const SLOT_KIND = new Uint8Array(MAPS * 256);
const slotSeen = new Uint8Array(MAPS * 256);
for (let i = 0; i < FORM_LAYOUT.length; i++) {
  const layout = FORM_LAYOUT[i]!;
  const map = (layout >> FormLayout.MapShift) & 15;
  if (map >= MAPS || map === OpMap.Now3D) continue;
  const span = layout & FormLayout.OpReg ? 8 : 1;
  const kind = layout & FormLayout.ModIgnored ? ModrmKind.Slow : layout & FormLayout.ModRM ? ModrmKind.Modrm : ModrmKind.None;
  for (let k = 0; k < span; k++) {
    const slot = map * 256 + (layout & 255) + k;
    // Forms of one slot that disagree on ModRM presence: leave the slot to the exact path.
    if (slotSeen[slot] === 0) SLOT_KIND[slot] = kind;
    else if (SLOT_KIND[slot] !== kind) SLOT_KIND[slot] = ModrmKind.Slow;
    slotSeen[slot] = 1;
  }
}
// Slots without any form (undefined opcodes, invalid in 64-bit mode): the exact path refuses them.
for (let s = 0; s < SLOT_KIND.length; s++) if (slotSeen[s] === 0) SLOT_KIND[s] = ModrmKind.Slow;
// EVEX, and 8F (XOP escape or pop r/m by the next byte): left to the exact path.
SLOT_KIND[0x62] = ModrmKind.Slow;
SLOT_KIND[0x8f] = ModrmKind.Slow;

/** Legacy prefix bytes and REX bytes the scanner steps over. */
const IS_PREFIX = new Uint8Array(256);
for (const b of [0xf0, 0xf2, 0xf3, 0x66, 0x67, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65]) IS_PREFIX[b] = 1;
for (let b = 0x40; b < 0x50; b++) IS_PREFIX[b] = 1;

/** Longest header the table holds (two little-endian words). */
const MAX_HEADER = 8;
const NOW3D = 0x100;

/**
 * Header of the instruction at `pos` as `headerLength | dispSize << 4 | modrmOffset << 8 |
 * 3DNow! flag (0x10000)`, where modrmOffset is the ModRM byte's offset from `pos` (0 when there is
 * none: an opcode byte comes first); -1 when the scanner leaves the instruction to the exact path.
 */
export function scanHeader(code: Uint8Array, pos: number, end: number): number {
  let p = pos;
  let b = 0;
  for (;;) {
    if (p >= end || p - pos >= MAX_HEADER) return -1;
    b = code[p]!;
    if (IS_PREFIX[b] === 0) break;
    p++;
  }
  p++;
  let slot = b;
  let now3d = 0;
  if (b === 0x0f) {
    if (p >= end) return -1;
    const b2 = code[p++]!;
    if (b2 === 0x38 || b2 === 0x3a) {
      if (p >= end) return -1;
      slot = (b2 === 0x38 ? OpMap.M0F38 : OpMap.M0F3A) * 256 + code[p++]!;
    } else if (b2 === 0x0f) {
      now3d = 1; // 3DNow!: ModRM follows, the opcode is the last byte
    } else {
      slot = OpMap.M0F * 256 + b2;
    }
  } else if (b === 0xc5) {
    if (p + 1 >= end) return -1;
    slot = OpMap.Vex0F * 256 + code[p + 1]!;
    p += 2;
  } else if (b === 0xc4) {
    if (p + 2 >= end) return -1;
    const m = code[p]! & 0x1f;
    if (m < 1 || m > 3) return -1;
    slot = (OpMap.Vex0F + m - 1) * 256 + code[p + 2]!;
    p += 3;
  }
  const kind = now3d === 1 ? ModrmKind.Modrm : SLOT_KIND[slot]!;
  if (kind === ModrmKind.Slow) return -1;
  let disp = 0;
  let modrmAt = 0;
  if (kind === ModrmKind.Modrm) {
    if (p >= end) return -1;
    modrmAt = p - pos;
    const modrm = code[p++]!;
    const mod = modrm >> 6;
    if (mod !== 3) {
      const rm = modrm & 7;
      if (rm === 4) {
        if (p >= end) return -1;
        if (mod === 0 && (code[p]! & 7) === 5) disp = 4;
        p++;
      } else if (rm === 5 && mod === 0) {
        disp = 4;
      }
      if (mod === 1) disp = 1;
      else if (mod === 2) disp = 4;
    }
  }
  const h = p - pos;
  if (h > MAX_HEADER) return -1;
  return h | (disp << 4) | (modrmAt << 8) | (now3d << 16);
}

/** 2^BITS sets of two ways; an entry is 16 int32 (one cache line). */
const BITS = 12;
const SLOT_INTS = 16;
export const WAY2 = SLOT_INTS;
/** Entry layout: the key (two header words, header length, 3DNow! suffix), then the summary. */
export const Entry = {
  Key0: 0, Key1: 1, HeaderLength: 2, Suffix: 3, Length: 4, ImmSize: 5, Flags: 6, Feature: 7, Mem: 8,
  MemIndex: 9, WriteErrors: 10, Restricts: 11, Branch: 12,
} as const;
/** Entry.Flags bits: refused by the grammar; has something for the rules to check beyond its length and restriction. */
export const EntryFlag = { Rejected: 1, Checks: 2 } as const;
export const SHAPES = new Int32Array((2 << BITS) * SLOT_INTS);

/** Low `n` (0..4) bytes at `pos`, little-endian. */
export function headerWord(code: Uint8Array, pos: number, n: number): number {
  let w = 0;
  for (let i = 0; i < n; i++) w |= code[pos + i]! << (i << 3);
  return w;
}

/** The 3DNow! suffix key of a header (the trailing opcode byte | 0x100), or 0. */
export function suffixKey(code: Uint8Array, pos: number, header: number): number {
  return (header & 0x10000) === 0 ? 0 : NOW3D | code[pos + (header & 15) + ((header >> 4) & 15)]!;
}

/** Table offset of the set (two ways) for a key; `hs` is the header length | suffix key << 4. */
export function shapeSlot(k0: number, k1: number, hs: number): number {
  let x = Math.imul(k0 ^ (k0 >>> 15), 0x85ebca6b) ^ Math.imul(k1 + hs, 0xc2b2ae35);
  x = Math.imul(x ^ (x >>> 13), 0x9e3779b1);
  return ((x ^ (x >>> 16)) & ((1 << BITS) - 1)) * (2 * SLOT_INTS);
}

/** Offset in SHAPES of the entry for the scanned header at `pos`, or -1. */
export function findShape(code: Uint8Array, pos: number, header: number): number {
  const h = header & 15;
  let k0: number;
  let k1 = 0;
  if (pos + 8 <= code.length) {
    const lo = code[pos]! | (code[pos + 1]! << 8) | (code[pos + 2]! << 16) | (code[pos + 3]! << 24);
    if (h >= 4) {
      k0 = lo;
      if (h > 4) {
        const hi = code[pos + 4]! | (code[pos + 5]! << 8) | (code[pos + 6]! << 16) | (code[pos + 7]! << 24);
        k1 = h === 8 ? hi : hi & ((1 << ((h - 4) << 3)) - 1);
      }
    } else {
      k0 = lo & ((1 << (h << 3)) - 1);
    }
  } else {
    k0 = headerWord(code, pos, h < 4 ? h : 4);
    if (h > 4) k1 = headerWord(code, pos + 4, h - 4);
  }
  const suffix = header < 0x10000 ? 0 : suffixKey(code, pos, header);
  const s = shapeSlot(k0, k1, h | (suffix << 4));
  if (SHAPES[s + Entry.Key0] === k0 && SHAPES[s + Entry.HeaderLength] === h && SHAPES[s + Entry.Key1] === k1 &&
    SHAPES[s + Entry.Suffix] === suffix) return s;
  const t = s + WAY2;
  return SHAPES[t + Entry.Key0] === k0 && SHAPES[t + Entry.HeaderLength] === h && SHAPES[t + Entry.Key1] === k1 &&
    SHAPES[t + Entry.Suffix] === suffix ? t : -1;
}

/** Signed little-endian value of `size` bytes at `p` (a branch displacement). */
export function readRel(code: Uint8Array, p: number, size: number): number {
  if (size === 1) return (code[p]! << 24) >> 24;
  if (size === 2) return ((code[p]! | (code[p + 1]! << 8)) << 16) >> 16;
  return code[p]! | (code[p + 1]! << 8) | (code[p + 2]! << 16) | (code[p + 3]! << 24);
}

/**
 * Stores the summary the exact path computed for the instruction at `pos` (decoded into `d`), when
 * the decode agrees with the scanner's layout; returns the entry offset or -1.
 */
export function storeShape(code: Uint8Array, pos: number, header: number, d: Decoded, sum: Summary): number {
  const h = header & 15;
  const disp = (header >> 4) & 15;
  const modrmAt = (header >> 8) & 15;
  const now3d = (header & 0x10000) !== 0;
  if (d.dispSize !== disp || d.length !== sum.length) return -1;
  const tail = sum.length - h;
  const immSize = tail - disp;
  if (immSize < 0 || immSize > 8 || (now3d && immSize !== 1)) return -1;
  if (sum.branch !== Branch.None && (immSize === 0 || immSize === 3 || immSize > 4 || readRel(code, pos + h + disp, immSize) !== sum.rel)) {
    return -1;
  }
  // The decoder must have seen the scanner's layout: ModRM where the scanner found it (or none),
  // and a SIB byte exactly when the header ends with one.
  if ((d.modrm >= 0) !== (modrmAt > 0)) return -1;
  if (modrmAt > 0) {
    if (code[pos + modrmAt] !== d.modrm) return -1;
    const sib = d.hasMem && (d.modrm & 7) === 4;
    if (h !== modrmAt + (sib ? 2 : 1)) return -1;
  }
  const k0 = headerWord(code, pos, h < 4 ? h : 4);
  const k1 = h > 4 ? headerWord(code, pos + 4, h - 4) : 0;
  const suffix = suffixKey(code, pos, header);
  const set = shapeSlot(k0, k1, h | (suffix << 4));
  // The newest entry goes to the first way; a different one there moves to the second.
  if (SHAPES[set + Entry.HeaderLength] !== 0 && !(SHAPES[set + Entry.Key0] === k0 && SHAPES[set + Entry.Key1] === k1 &&
    SHAPES[set + Entry.HeaderLength] === h && SHAPES[set + Entry.Suffix] === suffix)) {
    SHAPES.copyWithin(set + WAY2, set, set + SLOT_INTS);
  }
  const s = set;
  SHAPES[s + Entry.Key0] = k0;
  SHAPES[s + Entry.Key1] = k1;
  SHAPES[s + Entry.HeaderLength] = h;
  SHAPES[s + Entry.Suffix] = suffix;
  SHAPES[s + Entry.Length] = sum.length;
  SHAPES[s + Entry.ImmSize] = immSize;
  const checks = sum.feature !== 0 || sum.mem !== Mem.None || sum.writeErrors !== 0 || sum.branch !== Branch.None;
  SHAPES[s + Entry.Flags] = (sum.rejected ? EntryFlag.Rejected : 0) | (checks ? EntryFlag.Checks : 0);
  SHAPES[s + Entry.Feature] = sum.feature;
  SHAPES[s + Entry.Mem] = sum.mem;
  SHAPES[s + Entry.MemIndex] = sum.memIndex;
  SHAPES[s + Entry.WriteErrors] = sum.writeErrors;
  SHAPES[s + Entry.Restricts] = sum.restricts;
  SHAPES[s + Entry.Branch] = sum.branch;
  return s;
}

/** Empties the table (tests use it to exercise the miss path). */
export function clearShapes(): void {
  SHAPES.fill(0);
}
