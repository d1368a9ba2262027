// The validator's fast path for ordinary instructions: summaries cached by instruction *shape*.
// What the rules need from an instruction (instruction-summary.ts) depends only on its header:
// the prefixes, REX, opcode bytes, ModRM and SIB. Displacement and immediate values do not matter
// (a direct branch's displacement is read back from the bytes). So a byte-level scanner finds the
// header and the displacement size, and a direct-mapped table keyed by the header bytes gives the
// summary and the immediate size. On a miss, the exact decoder-driven path (summarize) runs and,
// once its decode is seen to agree with the scanner, its summary is stored.
//
// The scanner's per-opcode facts (which slots have a ModRM byte) are derived from the decoder's
// FORMS table at start-up; slots with irregular layouts are left to the exact path.
import { FORM_EXTRAS, FORMS } from '../decoder/forms.ts';
import { OpMap, type Decoded } from '../decoder/types.ts';
import { Branch, type Summary } from './instruction-summary.ts';

/** Scanner facts per (map * 256 + opcode), maps Legacy, 0F, 0F38, 0F3A only. */
const ModrmKind = { None: 0, Modrm: 1, Slow: 2 } as const;
const SLOT_KIND = new Uint8Array(4 * 256);
const SLOT_SEEN = new Uint8Array(4 * 256);
for (let i = 0; i < FORMS.length; i++) {
  const f = FORMS[i]!;
  if (f.map > OpMap.M0F3A) continue;
  const span = f.operands.some((o) => o.kind === 5 /* OperandKind.OpReg */) ? 8 : 1;
  const kind = FORM_EXTRAS[i]!.modIgnored ? ModrmKind.Slow : f.hasModrm ? ModrmKind.Modrm : ModrmKind.None;
  for (let k = 0; k < span; k++) {
    const slot = f.map * 256 + f.opcode + k;
    // Forms of one slot disagreeing on ModRM presence: leave the slot to the exact path.
    const seen = SLOT_SEEN[slot]!;
    if (seen === 0) SLOT_KIND[slot] = kind;
    else if (SLOT_KIND[slot] !== kind) SLOT_KIND[slot] = ModrmKind.Slow;
    SLOT_SEEN[slot] = 1;
  }
}
// Opcode bytes the scanner never handles: VEX/EVEX/XOP escapes (8F doubles as pop r/m).
for (const b of [0xc4, 0xc5, 0x62, 0x8f]) SLOT_KIND[b] = ModrmKind.Slow;
// Slots without any form (undefined opcodes, invalid in 64-bit mode): the exact path refuses them.
for (let s = 0; s < SLOT_KIND.length; s++) if (SLOT_SEEN[s] === 0) SLOT_KIND[s] = ModrmKind.Slow;

/** Legacy prefix bytes and REX bytes the scanner steps over. */
const IS_PREFIX = new Uint8Array(256);
for (const b of [0xf0, 0xf2, 0xf3, 0x66, 0x67, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65]) IS_PREFIX[b] = 1;
for (let b = 0x40; b < 0x50; b++) IS_PREFIX[b] = 1;

/** Longest header the table holds (two little-endian words). */
const MAX_HEADER = 8;

/**
 * Header of the instruction at `pos` as `headerLength | dispSize << 4 | modrmOffset << 8` (the
 * ModRM byte's offset from `pos`, 0 when there is none: an opcode comes first), or -1 when the
 * scanner does not handle it (or it runs past `end`).
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
  if (b === 0x0f) {
    if (p >= end) return -1;
    const b2 = code[p++]!;
    if (b2 === 0x38 || b2 === 0x3a) {
      if (p >= end) return -1;
      slot = (b2 === 0x38 ? 512 : 768) + code[p++]!;
    } else {
      if (b2 === 0x0f) return -1; // 3DNow!: the opcode is the last byte
      slot = 256 + b2;
    }
  }
  const kind = SLOT_KIND[slot]!;
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
  return h > MAX_HEADER ? -1 : h | (disp << 4) | (modrmAt << 8);
}

const BITS = 13;
const SLOT_INTS = 16;
/** Entry layout: the key (two header words and the header length), then what the walk needs. */
export const Entry = {
  Key0: 0, Key1: 1, HeaderLength: 2, TailLength: 3, ImmSize: 4, Rejected: 5, Feature: 6, Mem: 7, MemIndex: 8,
  WriteErrors: 9, Restricts: 10, Branch: 11,
} as const;
export const SHAPES = new Int32Array((1 << BITS) * SLOT_INTS);

function headerWord(code: Uint8Array, pos: number, n: number): number {
  let w = 0;
  for (let i = 0; i < n && i < 4; i++) w |= code[pos + i]! << (i << 3);
  return w;
}

function slotOf(k0: number, k1: number, h: number): number {
  return (Math.imul(k0 ^ Math.imul(k1 + h, 0x85ebca6b), 0x9e3779b1) >>> (32 - BITS)) * SLOT_INTS;
}

/** Offset in SHAPES of the entry for a header of `h` bytes at `pos`, or -1 on a miss. */
export function findShape(code: Uint8Array, pos: number, h: number): number {
  const k0 = headerWord(code, pos, h);
  const k1 = h > 4 ? headerWord(code, pos + 4, h - 4) : 0;
  const s = slotOf(k0, k1, h);
  return SHAPES[s + Entry.HeaderLength] === h && SHAPES[s + Entry.Key0] === k0 && SHAPES[s + Entry.Key1] === k1 ? s : -1;
}

/** Signed little-endian value of `size` bytes at `p` (a branch displacement). */
export function readRel(code: Uint8Array, p: number, size: number): number {
  if (size === 1) return (code[p]! << 24) >> 24;
  if (size === 2) return ((code[p]! | (code[p + 1]! << 8)) << 16) >> 16;
  return code[p]! | (code[p + 1]! << 8) | (code[p + 2]! << 16) | (code[p + 3]! << 24);
}

/**
 * Stores the summary the exact path computed for the instruction at `pos` (decoded into `d`),
 * when its decode agrees with the scanner's header; returns the entry offset or -1.
 */
export function storeShape(code: Uint8Array, pos: number, header: number, d: Decoded, sum: Summary): number {
  const h = header & 15;
  const disp = (header >> 4) & 15;
  const modrmAt = header >> 8;
  if (d.dispSize !== disp || d.length !== sum.length) return -1;
  const tail = sum.length - h;
  const immSize = tail - disp;
  if (immSize < 0 || immSize > 8) return -1;
  if (sum.branch !== Branch.None && (immSize === 0 || immSize > 4 || readRel(code, pos + h + disp, immSize) !== sum.rel)) return -1;
  // The decoder must have seen the scanner's layout: ModRM where the scanner found it (or none),
  // and a SIB byte exactly when the header ends with one.
  if ((d.modrm >= 0) !== (modrmAt > 0)) return -1;
  if (modrmAt > 0) {
    if (code[pos + modrmAt] !== d.modrm) return -1;
    const sib = d.hasMem && (d.modrm & 7) === 4;
    if (h !== modrmAt + (sib ? 2 : 1)) return -1;
  }
  const k0 = headerWord(code, pos, h);
  const k1 = h > 4 ? headerWord(code, pos + 4, h - 4) : 0;
  const s = slotOf(k0, k1, h);
  SHAPES[s + Entry.Key0] = k0;
  SHAPES[s + Entry.Key1] = k1;
  SHAPES[s + Entry.HeaderLength] = h;
  SHAPES[s + Entry.TailLength] = tail;
  SHAPES[s + Entry.ImmSize] = immSize;
  SHAPES[s + Entry.Rejected] = sum.rejected ? 1 : 0;
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
