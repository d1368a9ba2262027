// Stage one: prefixes, escapes, ModRM/SIB/displacement/immediates and the form. No allocation:
// everything goes into the caller's reusable Decoded.
import * as T from './table-constants.ts';
import * as D from './dispatch-tables.ts';
import type { Decoded } from './types.ts';

const MAX_LEN = 15;

// Module-local aliases: the hot path copies FAST into a local once per call, so the typed array
// is checked once (each read of a module binding is otherwise re-checked).
const FAST = D.FAST;
const EVEX_MAP1_IMM = T.EVEX_MAP1_IMM;

function fail(out: Decoded, err: number, length: number): number {
  out.form = -1;
  out.length = length;
  return err;
}

/**
 * Decodes one instruction at code[pos..end) into `out`; returns the length or a DecodeError (< 0).
 * On error out.length is the instruction's length when it is known (EVEX/XOP, undefined forms
 * whose layout is known), else 0, and out.form is -1; the other fields are then unspecified.
 */
export function decodeFast(code: Uint8Array, pos: number, end: number, out: Decoded): number {
  // Fields are stored as soon as they are known: fewer values stay live across the function.
  const t = FAST;
  let p = pos;
  if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
  let b = code[p];
  let cls = t[0 /* FastTable.ByteClass */ + b];
  // A leading REX (half of all 64-bit instructions) is taken without a branch: bit 11 of the
  // class is set for REX bytes only.
  const isRex = (cls >> 11) & 1;
  let rex = b & -isRex;
  p += isRex;
  if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
  b = code[p];
  cls = t[0 /* FastTable.ByteClass */ + b];
  let prefixes = 0;
  if (cls !== 0 && cls <= 0x800 /* ByteClass.Rex */) {
    // Legacy prefixes, or REX followed by more prefixes: rescan them all.
    p = scanPrefixes(code, pos, end, out);
    if (p < 0) return p;
    prefixes = out.prefixes;
    rex = out.rex;
    b = code[p];
    cls = t[0 /* FastTable.ByteClass */ + b];
  } else {
    out.prefixes = 0;
    out.prefixCount = 0;
    out.prefixRepeated = false;
    out.segment = 0;
    out.segmentFsGs = 0;
    out.lastRep = 0;
    out.rex = rex;
    out.rexMisplaced = false;
  }
  p++;
  let map: number = 0 /* OpMap.Legacy */;
  let opcode = b;
  let vex: number = 0 /* VexKind.None */;
  let vexL = 0;
  let vexV = 0;
  let rexR = (rex & 4) << 1;
  let rexX = (rex & 2) << 2;
  let rexB = (rex & 1) << 3;
  let wbit = (rex >> 3) & 1;
  let mandatory = 0;
  // FAST index of the slot's record (slot = map * 256 + opcode).
  let rec = 2368 /* FastTable.Slot */ + (b << 2);
  if (cls === 0 /* ByteClass.Opcode */) {
    // Plain one-byte opcode: nothing more to read here.
  } else if (cls === 0x1000 /* ByteClass.Escape0F */) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    const b2 = code[p++];
    if (b2 === 0x38 || b2 === 0x3a) {
      if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
      map = b2 === 0x38 ? 2 /* OpMap.M0F38 */ : 3 /* OpMap.M0F3A */;
      opcode = code[p++];
      rec = 2368 /* FastTable.Slot */ + ((map * 256 + opcode) << 2);
    } else if (b2 === 0x0f) {
      map = 4 /* OpMap.Now3D */;
      opcode = -1; // the trailing imm8 selects the operation
      rec = 13632 /* FastTable.Now3DPending */;
    } else {
      map = 1 /* OpMap.M0F */;
      opcode = b2;
      rec = 2368 /* FastTable.Slot */ + ((256 + b2) << 2);
    }
  } else if (cls === 0x4000 /* ByteClass.Invalid64 */) {
    return fail(out, -5 /* DecodeError.Invalid64 */, 0);
  } else if (b !== 0x8f || (p < end && (code[p] & 0x18) !== 0)) {
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
    rec = 2368 /* FastTable.Slot */ + ((map * 256 + opcode) << 2);
  }
  out.vex = vex as Decoded['vex'];
  out.vexL = vexL;
  out.vexW = vex !== 0 /* VexKind.None */ ? wbit : 0;
  out.vexV = vexV;
  out.map = map as Decoded['map'];

  // ModRM, SIB, displacement.
  let slotInfo = t[rec];
  const modrmKind = slotInfo & 3;
  let mod = 3;
  let regField = 0;
  let rmField = 0;
  let sibIndex = -1;
  if (modrmKind !== 0) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    const modrm = code[p++];
    out.modrm = modrm;
    mod = modrm >> 6;
    regField = (modrm >> 3) & 7;
    rmField = modrm & 7;
    if (modrmKind === 2) mod = 3;
    if (mod !== 3) {
      let memBase = -1;
      let memIndex = -1;
      let memScale = 1;
      let disp = 0;
      let dispSize = 0;
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
      if (mod === 1) {
        dispSize = 1;
        if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
        disp = (code[p++] << 24) >> 24;
      } else if (mod === 2 || dispSize === 4) {
        dispSize = 4;
        if (p + 3 >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
        disp = code[p] | (code[p + 1] << 8) | (code[p + 2] << 16) | (code[p + 3] << 24);
        p += 4;
      }
      out.hasMem = true;
      out.memBase = memBase;
      out.memIndex = memIndex;
      out.memScale = memScale;
      out.disp = disp;
      out.dispSize = dispSize;
    } else {
      out.hasMem = false;
      out.memBase = -1;
      out.memIndex = -1;
      out.memScale = 1;
      out.disp = 0;
      out.dispSize = 0;
    }
  } else {
    out.modrm = -1;
    out.hasMem = false;
    out.memBase = -1;
    out.memIndex = -1;
    out.memScale = 1;
    out.disp = 0;
    out.dispSize = 0;
  }
  out.reg = regField | rexR;
  out.rm = rmField | rexB;
  if (map === 4 /* OpMap.Now3D */) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    opcode = code[p++];
    rec = 2368 /* FastTable.Slot */ + ((map * 256 + opcode) << 2);
    slotInfo = t[rec];
  }
  out.opcode = opcode;

  // Mandatory prefix for legacy maps: the last F2/F3, else 66.
  if (vex === 0 /* VexKind.None */ && prefixes !== 0) {
    const lastRep = out.lastRep;
    mandatory = lastRep === 0xf3 ? 2 : lastRep === 0xf2 ? 3 : (prefixes & 0x8 /* Prefix.OPSIZE */) !== 0 ? 1 : 0;
  }
  out.mandatory = mandatory as Decoded['mandatory'];
  // Size class: 0 = 32 bits, 1 = 16 (66 outside VEX: a VEX with 66 was refused above), 2 = 64 (W).
  const sizeClass = wbit !== 0 ? 2 : (prefixes & 0x8 /* Prefix.OPSIZE */) >> 3;
  const addr32 = (prefixes & 0x10 /* Prefix.ADDR */) !== 0;
  out.addrSize = 64 - ((prefixes & 0x10 /* Prefix.ADDR */) << 1);

  // Form selection: most slots hold one unconstrained form; many others are resolved by the
  // mandatory prefix, ModRM.reg and mod alone; the rest match the full selection key.
  let form = t[rec + 1];
  let info = t[rec + 2];
  if (form < 0) {
    const sub = t[rec + 3];
    if (sub >= 0) {
      const k = sub + ((mandatory | (regField << 2) | (mod === 3 ? 0x20 : 0)) << 1);
      form = t[k];
      info = t[k + 1];
    } else {
      const start = slotInfo >>> 10;
      const stop = start + ((slotInfo >>> 2) & 0xff) * 4;
      const key = mandatory | (regField << 2) | (mod === 3 ? 0x20 : 0) | (rmField << 6) | (wbit << 9) | (vexL << 10) |
        (sizeClass << 11) | (rexB !== 0 ? 0x2000 : 0) | (addr32 ? 0x4000 : 0);
      for (let i = start; i < stop; i += 4) {
        if ((key & t[i]) === t[i + 1]) {
          form = t[i + 2];
          info = t[i + 3];
          break;
        }
      }
    }
  }

  // Operand size.
  const sizeIndex = ((info >>> 2) & 0x38) | (vexL << 2) | sizeClass;
  out.opSize = t[256 /* FastTable.OpSize */ + sizeIndex];

  // Immediates.
  if ((info & 15) !== 0 /* Imm.None */) {
    p = readImmediates(code, p, end, info, t[320 /* FastTable.ImmLayout */ + (((info & 15) << 7) | ((prefixes & 0x10 /* Prefix.ADDR */) << 2) | sizeIndex)], out);
    if (p < 0) return p;
  } else {
    out.imm = 0;
    out.immHi = 0;
    out.imm2 = 0;
    out.immSize = 0;
    out.rel = 0;
  }

  const length = p - pos;
  if (length > MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);
  out.length = length;
  if (form < 0) {
    out.form = -1;
    out.op = 0;
    if (vex !== 0 /* VexKind.None */ && ((slotInfo >>> 2) & 0xff) === 0 && modrmKind === 0) {
      // VEX opcodes outside our table (AVX-512 mask instructions, ...): length known, refused.
      return refusedLength(code, p, end, pos, map === 7 /* OpMap.Vex0F3A */ ? 1 : 0, vex, out);
    }
    out.length = 0;
    return -3 /* DecodeError.Undefined */;
  }
  if (((info & 0x800) | (prefixes & 0x1 /* Prefix.LOCK */) | vexV) !== 0) {
    // Rare cases with extra checks (segment moves, control/debug registers, VSIB, LOCK, vvvv).
    return checkSpecial(form, info, prefixes, out.hasMem, vex, vexV, regField | rexR, sibIndex, length, out);
  }
  out.form = form;
  out.op = info >>> 16;
  return length;
}

/**
 * Legacy prefixes and REX bytes from `pos`: stores the prefix fields of `out` and returns the
 * position of the opcode byte, or a DecodeError (after fail()).
 */
function scanPrefixes(code: Uint8Array, pos: number, end: number, out: Decoded): number {
  let p = pos;
  let prefixes = 0;
  let count = 0;
  let repeated = false;
  let segment = 0;
  let segmentFsGs = 0;
  let lastRep = 0;
  let rex = 0;
  let rexMisplaced = false;
  for (;;) {
    if (p >= end) return fail(out, -1 /* DecodeError.Truncated */, 0);
    const b = code[p];
    const cls = FAST[0 /* FastTable.ByteClass */ + b];
    if (cls === 0 || cls > 0x800 /* ByteClass.Rex */) break;
    if (p - pos >= MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);
    if (cls === 0x800 /* ByteClass.Rex */) {
      if (rex !== 0) rexMisplaced = true;
      rex = b;
    } else {
      if ((prefixes & cls) !== 0) repeated = true;
      prefixes |= cls;
      if (cls >= 0x20 /* Prefix.CS */) {
        segment = b;
        if (cls >= 0x200 /* Prefix.FS */) segmentFsGs = b;
      } else if (cls === 0x2 /* Prefix.REP */ || cls === 0x4 /* Prefix.REPNE */) lastRep = b;
      if (rex !== 0) {
        rexMisplaced = true;
        rex = 0;
      }
      count++;
    }
    p++;
  }
  if (p - pos >= MAX_LEN) return fail(out, -2 /* DecodeError.TooLong */, 0);
  out.prefixes = prefixes;
  out.prefixCount = count;
  out.prefixRepeated = repeated;
  out.segment = segment;
  out.segmentFsGs = segmentFsGs;
  out.lastRep = lastRep;
  out.rex = rex;
  out.rexMisplaced = rexMisplaced;
  return p;
}

/**
 * Reads the immediates at p by their IMM_LAYOUT code into `out`; returns the position after them
 * or a DecodeError (after fail()).
 */
function readImmediates(code: Uint8Array, p: number, end: number, info: number, layout: number, out: Decoded): number {
  const size = layout & 15;
  const size2 = (layout >> 4) & 1;
  if (p + size + size2 > end) return fail(out, -1 /* DecodeError.Truncated */, 0);
  const signed = (info & 0x10) !== 0 || layout >= 0x20;
  let imm = 0;
  let immHi = 0;
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
  out.imm2 = size2 !== 0 ? code[p++] : 0;
  if (layout >= 0x20) {
    out.rel = imm;
    out.imm = 0;
    out.immHi = 0;
    out.immSize = 0;
  } else {
    out.rel = 0;
    out.imm = imm;
    out.immHi = immHi;
    out.immSize = size;
  }
  return p;
}

/** The checks that only some forms (FAST_INFO bit 11), LOCK and VEX.vvvv need; see decodeFast. */
function checkSpecial(form: number, info: number, prefixes: number, hasMem: boolean, vex: number, vexV: number,
  reg: number, sibIndex: number, length: number, out: Decoded): number {
  const map = out.map;
  const opcode = out.opcode;
  const regField = reg & 7;
  if (map === 0 /* OpMap.Legacy */ && (opcode === 0x8c || opcode === 0x8e) && (regField > 5 || (opcode === 0x8e && regField === 1))) {
    // Only es, cs, ss, ds, fs, gs exist, and cs cannot be loaded.
    out.form = -1;
    out.length = 0;
    return -3 /* DecodeError.Undefined */;
  }
  if (map === 1 /* OpMap.M0F */ && opcode >= 0x20 && opcode <= 0x23) {
    // mov to/from CR/DR: only cr0, cr2, cr3, cr4, cr8 and dr0..dr7 exist.
    if ((opcode & 1) !== 0 ? reg > 7 : reg !== 0 && reg !== 2 && reg !== 3 && reg !== 4 && reg !== 8) {
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
