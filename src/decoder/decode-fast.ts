// Stage one: prefixes, escapes, ModRM/SIB/displacement/immediates and the form. No allocation:
// everything goes into the caller's reusable Decoded.
import * as T from './tables.ts';
import type { Decoded } from './types.ts';

const MAX_LEN = 15;

// Module-local aliases of the lookup tables: the hot loop then reads its own module's constants
// instead of imported live bindings (measurably faster when modules are not bundled).
const CAND_TRIPLES = T.CAND_TRIPLES;
const EVEX_MAP1_IMM = T.EVEX_MAP1_IMM;
const FORM_INFO = T.FORM_INFO;
const INVALID_64 = T.INVALID_64;
const PREFIX_BIT = T.PREFIX_BIT;
const SLOT_INFO = T.SLOT_INFO;
const SLOT_DIRECT = T.SLOT_DIRECT;

function fail(out: Decoded, err: number, length: number): number {
  out.form = -1;
  out.length = length;
  return err;
}

/**
 * Decodes one instruction at code[pos..end) into `out`; returns the length or a DecodeError (< 0).
 * On error out.length is the instruction's length when it is known (EVEX/XOP, undefined forms
 * whose layout is known), else 0.
 */
export function decodeFast(code: Uint8Array, pos: number, end: number, out: Decoded): number {
  let p = pos;
  let prefixes = 0;
  let count = 0;
  let repeated = false;
  let segment = 0;
  let segmentFsGs = 0;
  let lastRep = 0;
  let rex = 0;
  let rexMisplaced = false;
  let b = 0;
  // Legacy prefixes and REX.
  for (;;) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    if (p - pos >= MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);
    b = code[p];
    const bit = PREFIX_BIT[b];
    if (bit !== 0) {
      if ((prefixes & bit) !== 0) repeated = true;
      prefixes |= bit;
      if (bit >= 0x20 /* Prefix.CS */) {
        segment = b;
        if (bit >= 0x200 /* Prefix.FS */) segmentFsGs = b;
      }
      else if (bit === 0x2 /* Prefix.REP */ || bit === 0x4 /* Prefix.REPNE */) lastRep = b;
      if (rex !== 0) {
        rexMisplaced = true;
        rex = 0;
      }
      count++;
      p++;
      continue;
    }
    if ((b & 0xf0) === 0x40) {
      if (rex !== 0) rexMisplaced = true;
      rex = b;
      p++;
      continue;
    }
    break;
  }
  p++;
  let map: number = 0 /* OpMap.Legacy */;
  let opcode = b;
  let vex: number = 0 /* VexKind.None */;
  let vexL = 0;
  let vexW = 0;
  let vexV = 0;
  let rexR = (rex & 4) << 1;
  let rexX = (rex & 2) << 2;
  let rexB = (rex & 1) << 3;
  let wbit = (rex >> 3) & 1;
  let mandatory = 0;
  if (b === 0x0f) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    const b2 = code[p++];
    if (b2 === 0x38 || b2 === 0x3a) {
      if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
      map = b2 === 0x38 ? 2 /* OpMap.M0F38 */ : 3 /* OpMap.M0F3A */;
      opcode = code[p++];
    } else if (b2 === 0x0f) {
      map = 4 /* OpMap.Now3D */;
      opcode = -1; // the trailing imm8 selects the operation
    } else {
      map = 1 /* OpMap.M0F */;
      opcode = b2;
    }
  } else if (b === 0xc4 || b === 0xc5 || b === 0x62 || (b === 0x8f && p < end && (code[p] & 0x18) !== 0)) {
    // VEX / EVEX / XOP (C4/C5/62 are always escapes in 64-bit mode; 8F only when map >= 8).
    const illegalPrefix = (prefixes & (0x1 /* Prefix.LOCK */ | 0x8 /* Prefix.OPSIZE */ | 0x2 /* Prefix.REP */ | 0x4 /* Prefix.REPNE */)) !== 0 || rex !== 0;
    let mmmmm = 1;
    if (b === 0xc5) {
      if (p + 1 >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
      const v1 = code[p];
      rexR = (~v1 & 0x80) >> 4;
      rexX = 0;
      rexB = 0;
      wbit = 0;
      vexV = (~v1 >> 3) & 15;
      vexL = (v1 >> 2) & 1;
      mandatory = v1 & 3;
      vex = 1 /* VexKind.VEX2 */;
      opcode = code[p + 1];
      p += 2;
    } else if (b === 0x62) {
      return evexLength(code, p, end, pos, prefixes, out);
    } else {
      if (p + 2 >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
      const v1 = code[p];
      const v2 = code[p + 1];
      rexR = (~v1 & 0x80) >> 4;
      rexX = (~v1 & 0x40) >> 3;
      rexB = (~v1 & 0x20) >> 2;
      mmmmm = v1 & 0x1f;
      wbit = v2 >> 7;
      vexV = (~v2 >> 3) & 15;
      vexL = (v2 >> 2) & 1;
      mandatory = v2 & 3;
      opcode = code[p + 2];
      p += 3;
      vex = b === 0x8f ? 3 /* VexKind.XOP */ : 2 /* VexKind.VEX3 */;
      if (vex === 3 /* VexKind.XOP */) {
        // XOP: length only (map 8: imm8, map 9: none, map A: imm32).
        return refusedLength(code, p, end, pos, mmmmm === 8 ? 1 : mmmmm === 10 ? 4 : 0, 3 /* VexKind.XOP */, out);
      }
    }
    if (mmmmm < 1 || mmmmm > 3) return fail(out, -3 /* DecodeError.Undefined */, 0);
    map = 5 /* OpMap.Vex0F */ + mmmmm - 1;
    if (illegalPrefix) return fail(out, -6 /* DecodeError.BadVex */, 0);
  } else if (INVALID_64[b] !== 0) {
    return fail(out, -5 /* DecodeError.Invalid64 */, 0);
  }

  // ModRM, SIB, displacement.
  let slot = map * 256 + opcode;
  let slotInfo = SLOT_INFO[slot];
  const modrmKind = map === 4 /* OpMap.Now3D */ ? 1 : slotInfo & 3;
  let modrm = -1;
  let mod = 3;
  let regField = 0;
  let rmField = 0;
  let hasMem = false;
  let memBase = -1;
  let memIndex = -1;
  let memScale = 1;
  let disp = 0;
  let dispSize = 0;
  let sibIndex = -1;
  const addr32 = (prefixes & 0x10 /* Prefix.ADDR */) !== 0;
  if (modrmKind !== 0) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    modrm = code[p++];
    mod = modrm >> 6;
    regField = (modrm >> 3) & 7;
    rmField = modrm & 7;
    if (modrmKind === 2) mod = 3;
    if (mod !== 3) {
      hasMem = true;
      if (rmField === 4) {
        if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
        const sib = code[p++];
        memScale = 1 << (sib >> 6);
        const idx = ((sib >> 3) & 7) | rexX;
        memIndex = idx === 4 ? -1 : idx;
        sibIndex = idx;
        const base = sib & 7;
        if (base === 5 && mod === 0) {
          dispSize = 4;
        } else {
          memBase = base | rexB;
        }
      } else if (rmField === 5 && mod === 0) {
        memBase = 16; // RIP
        dispSize = 4;
      } else {
        memBase = rmField | rexB;
      }
      if (mod === 1) dispSize = 1;
      else if (mod === 2) dispSize = 4;
      if (dispSize === 1) {
        if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
        disp = (code[p++] << 24) >> 24;
      } else if (dispSize === 4) {
        if (p + 3 >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
        disp = code[p] | (code[p + 1] << 8) | (code[p + 2] << 16) | (code[p + 3] << 24);
        p += 4;
      }
    }
  }
  if (map === 4 /* OpMap.Now3D */) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    opcode = code[p++];
    slot = map * 256 + opcode;
  }

  // Mandatory prefix for legacy maps: the last F2/F3, else 66.
  if (vex === 0 /* VexKind.None */) {
    mandatory = lastRep === 0xf3 ? 2 : lastRep === 0xf2 ? 3 : (prefixes & 0x8 /* Prefix.OPSIZE */) !== 0 ? 1 : 0;
  }
  const normalSize = wbit !== 0 ? 64 : (prefixes & 0x8 /* Prefix.OPSIZE */) !== 0 && vex === 0 /* VexKind.None */ ? 16 : 32;

  // Form selection.
  if (map === 4 /* OpMap.Now3D */) slotInfo = SLOT_INFO[slot];
  const slotCount = (slotInfo >>> 2) & 0xff;
  const start = (slotInfo >>> 10) * 3;
  const stop = start + slotCount * 3;
  let form = SLOT_DIRECT[slot];
  // Most slots hold one unconstrained form; otherwise match the selection key.
  if (form < 0) {
    const key = mandatory | (regField << 2) | (mod === 3 ? 0x20 : 0) | (rmField << 6) | (wbit << 9) | (vexL << 10) |
      ((normalSize === 16 ? 1 : normalSize === 64 ? 2 : 0) << 11) | (rexB !== 0 ? 0x2000 : 0) | (addr32 ? 0x4000 : 0);
    for (let i = start; i < stop; i += 3) {
      if ((key & CAND_TRIPLES[i]) === CAND_TRIPLES[i + 1]) {
        form = CAND_TRIPLES[i + 2];
        break;
      }
    }
  }
  const info = form >= 0 ? FORM_INFO[form] : 0;

  // Operand size.
  let opSize = normalSize;
  if (form >= 0) {
    const k = (info >>> 5) & 7;
    if (k === 1 /* Osz.D64 */) opSize = wbit !== 0 ? 64 : (prefixes & 0x8 /* Prefix.OPSIZE */) !== 0 ? 16 : 64;
    else if (k === 2 /* Osz.F64 */) opSize = 64;
    else if (k === 3 /* Osz.Byte */) opSize = 8;
    else if (k === 4 /* Osz.Vec */) opSize = vexL !== 0 ? 256 : 128;
    else if (k === 5 /* Osz.Mmx */) opSize = 64;
  }

  // Immediates.
  let imm = 0;
  let immHi = 0;
  let imm2 = 0;
  let immSize = 0;
  let rel = 0;
  const immKind = info & 15;
  if (immKind !== 0 /* Imm.None */) {
    let size = 0;
    let size2 = 0;
    switch (immKind) {
      case 1 /* Imm.B */: case 9 /* Imm.RelB */: size = 1; break;
      case 2 /* Imm.W */: size = 2; break;
      case 3 /* Imm.D */: case 10 /* Imm.RelZ */: size = 4; break;
      case 4 /* Imm.Z */: case 11 /* Imm.RelZ16 */: size = opSize === 16 ? 2 : 4; break;
      case 5 /* Imm.V */: size = opSize === 16 ? 2 : opSize === 64 ? 8 : 4; break;
      case 6 /* Imm.Moffs */: size = addr32 ? 4 : 8; break;
      case 7 /* Imm.WB */: size = 2; size2 = 1; break;
      case 8 /* Imm.BB */: size = 1; size2 = 1; break;
    }
    if (p + size + size2 > end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    const signed = (info & 0x10) !== 0 || immKind === 9 /* Imm.RelB */ || immKind === 10 /* Imm.RelZ */ || immKind === 11 /* Imm.RelZ16 */;
    if (size === 1) {
      imm = signed ? (code[p] << 24) >> 24 : code[p];
      immHi = signed ? imm >> 31 : 0;
    } else if (size === 2) {
      const v = code[p] | (code[p + 1] << 8);
      imm = signed ? (v << 16) >> 16 : v;
      immHi = signed ? imm >> 31 : 0;
    } else {
      imm = code[p] | (code[p + 1] << 8) | (code[p + 2] << 16) | (code[p + 3] << 24);
      immHi = signed ? imm >> 31 : 0;
      if (size === 8) immHi = code[p + 4] | (code[p + 5] << 8) | (code[p + 6] << 16) | (code[p + 7] << 24);
    }
    p += size;
    if (size2 !== 0) imm2 = code[p++];
    immSize = size;
    if (immKind === 9 /* Imm.RelB */ || immKind === 10 /* Imm.RelZ */ || immKind === 11 /* Imm.RelZ16 */) {
      rel = imm;
      imm = 0;
      immHi = 0;
      immSize = 0;
    }
  }

  const length = p - pos;
  if (length > MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);

  out.length = length;
  out.prefixes = prefixes;
  out.prefixCount = count;
  out.prefixRepeated = repeated;
  out.segment = segment;
  out.segmentFsGs = segmentFsGs;
  out.lastRep = lastRep;
  out.rex = rex;
  out.rexMisplaced = rexMisplaced;
  out.vex = vex as Decoded['vex'];
  out.vexL = vexL;
  out.vexW = vex !== 0 /* VexKind.None */ ? wbit : 0;
  out.vexV = vexV;
  out.map = map as Decoded['map'];
  out.mandatory = mandatory as Decoded['mandatory'];
  out.opcode = opcode;
  out.modrm = modrm;
  out.reg = regField | rexR;
  out.rm = rmField | rexB;
  out.hasMem = hasMem;
  out.memBase = memBase;
  out.memIndex = memIndex;
  out.memScale = memScale;
  out.disp = disp;
  out.dispSize = dispSize;
  out.imm = imm;
  out.immHi = immHi;
  out.imm2 = imm2;
  out.immSize = immSize;
  out.rel = rel;
  out.opSize = opSize;
  out.addrSize = addr32 ? 32 : 64;
  if (form < 0) {
    out.form = -1;
    out.op = 0;
    if (vex !== 0 /* VexKind.None */ && slotCount === 0 && modrmKind === 0) {
      // VEX opcodes outside our table (AVX-512 mask instructions, ...): length known, refused.
      return refusedLength(code, p, end, pos, map === 7 /* OpMap.Vex0F3A */ ? 1 : 0, vex, out);
    }
    out.length = 0;
    return -3 /* DecodeError.Undefined */;
  }
  if (map === 0 /* OpMap.Legacy */ && (opcode === 0x8c || opcode === 0x8e) && (regField > 5 || (opcode === 0x8e && regField === 1))) {
    // Only es, cs, ss, ds, fs, gs exist, and cs cannot be loaded.
    out.form = -1;
    out.length = 0;
    return -3 /* DecodeError.Undefined */;
  }
  if (map === 1 /* OpMap.M0F */ && opcode >= 0x20 && opcode <= 0x23) {
    // mov to/from CR/DR: only cr0, cr2, cr3, cr4, cr8 and dr0..dr7 exist.
    const r = regField | rexR;
    if ((opcode & 1) !== 0 ? r > 7 : r !== 0 && r !== 2 && r !== 3 && r !== 4 && r !== 8) {
      out.form = -1;
      out.length = 0;
      return -3 /* DecodeError.Undefined */;
    }
  }
  if ((info & 0x400) !== 0) {
    // VSIB needs a SIB byte; its index field names a vector register (4 included).
    if (sibIndex < 0) {
      out.form = -1;
      out.length = 0;
      return -3 /* DecodeError.Undefined */;
    }
    out.memIndex = sibIndex;
  }
  out.form = form;
  out.op = info >>> 16;
  if ((prefixes & 0x1 /* Prefix.LOCK */) !== 0 && ((info & 0x100) === 0 || !hasMem)) {
    out.form = -1;
    return -4 /* DecodeError.LockNotAllowed */;
  }
  if (vex !== 0 /* VexKind.None */ && vexV !== 0 && (info & 0x200) === 0) {
    out.form = -1;
    return -6 /* DecodeError.BadVex */;
  }
  return length;
}

/** EVEX (62 P0 P1 P2 opcode ModRM ...): refused with its length. */
function evexLength(code: Uint8Array, p: number, end: number, pos: number, prefixes: number, out: Decoded): number {
  void prefixes;
  if (p + 3 >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
  const emap = code[p] & 7;
  const eop = code[p + 3];
  const imm = emap === 3 || (emap === 1 && EVEX_MAP1_IMM[eop] !== 0) ? 1 : 0;
  return refusedLength(code, p + 4, end, pos, imm, 4 /* VexKind.EVEX */, out);
}

/** An instruction we refuse but whose length is known: ModRM.. at p, then `immBytes`. */
function refusedLength(code: Uint8Array, p: number, end: number, pos: number, immBytes: number, vex: number,
  out: Decoded): number {
  const len = skipModrm(code, p, end, pos, false);
  if (len < 0) return fail(out, len, 0);
  const total = len - pos + immBytes;
  if (total > MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);
  if (pos + total > end) return fail(out, -1 /* DecodeError.Truncated */, 0);
  out.vex = vex as Decoded['vex'];
  return fail(out, -7 /* DecodeError.Unsupported */, total);
}

/** Skips ModRM/SIB/displacement at p; returns the position after them or a DecodeError. */
function skipModrm(code: Uint8Array, p: number, end: number, pos: number, addr32: boolean): number {
  void pos;
  void addr32;
  if (p >= end) return -1 /* DecodeError.Truncated */;
  const modrm = code[p++];
  const mod = modrm >> 6;
  if (mod === 3) return p;
  if ((modrm & 7) === 4) {
    if (p >= end) return -1 /* DecodeError.Truncated */;
    const sib = code[p++];
    if (mod === 0 && (sib & 7) === 5) return p + 4;
  } else if (mod === 0 && (modrm & 7) === 5) {
    return p + 4;
  }
  return mod === 1 ? p + 1 : mod === 2 ? p + 4 : p;
}
