// Stage one: prefixes, escapes, ModRM/SIB/displacement/immediates and the form. No allocation:
// everything goes into the caller's reusable Decoded.
import {
  CANDIDATES, EVEX_MAP1_IMM, FORM_IMM, FORM_IMM_SIGNED, FORM_L, FORM_LOCKABLE, FORM_MOD, FORM_NO_REXB, FORM_OP,
  FORM_OPSIZE_REQ, FORM_OSZ, FORM_ADDR_REQ, FORM_PREFIX, FORM_REG, FORM_RM, FORM_USES_VVVV, FORM_W, Imm, INVALID_64, Osz,
  PREFIX_BIT, SLOT_COUNT, SLOT_MODRM, SLOT_START,
} from './tables.ts';
import { DecodeError, OpMap, Prefix, RIP, VexKind, type Decoded } from './types.ts';

const MAX_LEN = 15;

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
    if (p >= end) return fail(out, DecodeError.Truncated, 0);
    if (p - pos >= MAX_LEN) return fail(out, DecodeError.TooLong, 0);
    b = code[p];
    const bit = PREFIX_BIT[b];
    if (bit !== 0) {
      if ((prefixes & bit) !== 0) repeated = true;
      prefixes |= bit;
      if (bit >= Prefix.CS) {
        segment = b;
        if (bit >= Prefix.FS) segmentFsGs = b;
      }
      else if (bit === Prefix.REP || bit === Prefix.REPNE) lastRep = b;
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
  let map: number = OpMap.Legacy;
  let opcode = b;
  let vex: number = VexKind.None;
  let vexL = 0;
  let vexW = 0;
  let vexV = 0;
  let rexR = (rex & 4) << 1;
  let rexX = (rex & 2) << 2;
  let rexB = (rex & 1) << 3;
  let wbit = (rex >> 3) & 1;
  let mandatory = 0;
  if (b === 0x0f) {
    if (p >= end) return fail(out, DecodeError.Truncated, 0);
    const b2 = code[p++];
    if (b2 === 0x38 || b2 === 0x3a) {
      if (p >= end) return fail(out, DecodeError.Truncated, 0);
      map = b2 === 0x38 ? OpMap.M0F38 : OpMap.M0F3A;
      opcode = code[p++];
    } else if (b2 === 0x0f) {
      map = OpMap.Now3D;
      opcode = -1; // the trailing imm8 selects the operation
    } else {
      map = OpMap.M0F;
      opcode = b2;
    }
  } else if (b === 0xc4 || b === 0xc5 || b === 0x62 || (b === 0x8f && p < end && (code[p] & 0x18) !== 0)) {
    // VEX / EVEX / XOP (C4/C5/62 are always escapes in 64-bit mode; 8F only when map >= 8).
    const illegalPrefix = (prefixes & (Prefix.LOCK | Prefix.OPSIZE | Prefix.REP | Prefix.REPNE)) !== 0 || rex !== 0;
    let mmmmm = 1;
    if (b === 0xc5) {
      if (p + 1 >= end) return fail(out, DecodeError.Truncated, 0);
      const v1 = code[p];
      rexR = (~v1 & 0x80) >> 4;
      rexX = 0;
      rexB = 0;
      wbit = 0;
      vexV = (~v1 >> 3) & 15;
      vexL = (v1 >> 2) & 1;
      mandatory = v1 & 3;
      vex = VexKind.VEX2;
      opcode = code[p + 1];
      p += 2;
    } else if (b === 0x62) {
      // EVEX: 62 P0 P1 P2 opcode modrm ...: length only.
      if (p + 3 >= end) return fail(out, DecodeError.Truncated, 0);
      const emap = code[p] & 7;
      const eop = code[p + 3];
      p += 4;
      const len = skipModrm(code, p, end, pos, (prefixes & Prefix.ADDR) !== 0);
      if (len < 0) return fail(out, len, 0);
      let total = len - pos;
      if (emap === 3 || (emap === 1 && EVEX_MAP1_IMM[eop] !== 0)) total++;
      if (total > MAX_LEN) return fail(out, DecodeError.TooLong, 0);
      if (pos + total > end) return fail(out, DecodeError.Truncated, 0);
      out.vex = VexKind.EVEX;
      return fail(out, DecodeError.Unsupported, total);
    } else {
      if (p + 2 >= end) return fail(out, DecodeError.Truncated, 0);
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
      vex = b === 0x8f ? VexKind.XOP : VexKind.VEX3;
      if (vex === VexKind.XOP) {
        // XOP: length only (map 8: imm8, map 9: none, map A: imm32).
        const len = skipModrm(code, p, end, pos, (prefixes & Prefix.ADDR) !== 0);
        if (len < 0) return fail(out, len, 0);
        const total = len - pos + (mmmmm === 8 ? 1 : mmmmm === 10 ? 4 : 0);
        if (total > MAX_LEN) return fail(out, DecodeError.TooLong, 0);
        if (pos + total > end) return fail(out, DecodeError.Truncated, 0);
        out.vex = VexKind.XOP;
        return fail(out, DecodeError.Unsupported, total);
      }
    }
    if (mmmmm < 1 || mmmmm > 3) return fail(out, DecodeError.Undefined, 0);
    map = OpMap.Vex0F + mmmmm - 1;
    if (illegalPrefix) return fail(out, DecodeError.BadVex, 0);
  } else if (INVALID_64[b] !== 0) {
    return fail(out, DecodeError.Invalid64, 0);
  }

  // ModRM, SIB, displacement.
  let slot = map * 256 + opcode;
  const modrmKind = map === OpMap.Now3D ? 1 : SLOT_MODRM[slot];
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
  const addr32 = (prefixes & Prefix.ADDR) !== 0;
  if (modrmKind !== 0) {
    if (p >= end) return fail(out, DecodeError.Truncated, 0);
    modrm = code[p++];
    mod = modrm >> 6;
    regField = (modrm >> 3) & 7;
    rmField = modrm & 7;
    if (modrmKind === 2) mod = 3;
    if (mod !== 3) {
      hasMem = true;
      if (rmField === 4) {
        if (p >= end) return fail(out, DecodeError.Truncated, 0);
        const sib = code[p++];
        memScale = 1 << (sib >> 6);
        const idx = ((sib >> 3) & 7) | rexX;
        memIndex = idx === 4 ? -1 : idx;
        const base = sib & 7;
        if (base === 5 && mod === 0) {
          dispSize = 4;
        } else {
          memBase = base | rexB;
        }
      } else if (rmField === 5 && mod === 0) {
        memBase = RIP;
        dispSize = 4;
      } else {
        memBase = rmField | rexB;
      }
      if (mod === 1) dispSize = 1;
      else if (mod === 2) dispSize = 4;
      if (dispSize === 1) {
        if (p >= end) return fail(out, DecodeError.Truncated, 0);
        disp = (code[p++] << 24) >> 24;
      } else if (dispSize === 4) {
        if (p + 3 >= end) return fail(out, DecodeError.Truncated, 0);
        disp = code[p] | (code[p + 1] << 8) | (code[p + 2] << 16) | (code[p + 3] << 24);
        p += 4;
      }
    }
  }
  if (map === OpMap.Now3D) {
    if (p >= end) return fail(out, DecodeError.Truncated, 0);
    opcode = code[p++];
    slot = map * 256 + opcode;
  }

  // Mandatory prefix for legacy maps: the last F2/F3, else 66.
  if (vex === VexKind.None) {
    mandatory = lastRep === 0xf3 ? 2 : lastRep === 0xf2 ? 3 : (prefixes & Prefix.OPSIZE) !== 0 ? 1 : 0;
  }
  const normalSize = wbit !== 0 ? 64 : (prefixes & Prefix.OPSIZE) !== 0 && vex === VexKind.None ? 16 : 32;

  // Form selection.
  const start = SLOT_START[slot];
  const stop = start + SLOT_COUNT[slot];
  let form = -1;
  for (let i = start; i < stop; i++) {
    const f = CANDIDATES[i];
    const pm = FORM_PREFIX[f];
    if (pm !== 4 && pm !== mandatory && !(pm === 5 && mandatory < 2)) continue;
    const re = FORM_REG[f];
    if (re >= 0 && re !== regField) continue;
    const md = FORM_MOD[f];
    if (md === 1 ? mod !== 3 : md === 2 && mod === 3) continue;
    const rme = FORM_RM[f];
    if (rme >= 0 && rme !== rmField) continue;
    const w = FORM_W[f];
    if (w >= 0 && w !== wbit) continue;
    const l = FORM_L[f];
    if (l >= 0 && l !== vexL) continue;
    const osr = FORM_OPSIZE_REQ[f];
    if (osr !== 0 && osr !== normalSize) continue;
    if (FORM_NO_REXB[f] !== 0 && rexB !== 0) continue;
    if (FORM_ADDR_REQ[f] !== 0 && !addr32) continue;
    form = f;
    break;
  }

  // Operand size.
  let opSize = normalSize;
  if (form >= 0) {
    const k = FORM_OSZ[form];
    if (k === Osz.D64) opSize = wbit !== 0 ? 64 : (prefixes & Prefix.OPSIZE) !== 0 ? 16 : 64;
    else if (k === Osz.F64) opSize = 64;
    else if (k === Osz.Byte) opSize = 8;
    else if (k === Osz.Vec) opSize = vexL !== 0 ? 256 : 128;
    else if (k === Osz.Mmx) opSize = 64;
  }

  // Immediates.
  let imm = 0;
  let immHi = 0;
  let imm2 = 0;
  let immSize = 0;
  let rel = 0;
  const immKind = form >= 0 ? FORM_IMM[form] : Imm.None;
  if (immKind !== Imm.None) {
    let size = 0;
    let size2 = 0;
    switch (immKind) {
      case Imm.B: case Imm.RelB: size = 1; break;
      case Imm.W: size = 2; break;
      case Imm.D: case Imm.RelZ: size = 4; break;
      case Imm.Z: size = opSize === 16 ? 2 : 4; break;
      case Imm.V: size = opSize === 16 ? 2 : opSize === 64 ? 8 : 4; break;
      case Imm.Moffs: size = addr32 ? 4 : 8; break;
      case Imm.WB: size = 2; size2 = 1; break;
      case Imm.BB: size = 1; size2 = 1; break;
    }
    if (p + size + size2 > end) return fail(out, DecodeError.Truncated, 0);
    const signed = FORM_IMM_SIGNED[form] !== 0 || immKind === Imm.RelB || immKind === Imm.RelZ;
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
      else if (!signed) imm = imm >>> 0;
    }
    p += size;
    if (size2 !== 0) imm2 = code[p++];
    immSize = size;
    if (immKind === Imm.RelB || immKind === Imm.RelZ) {
      rel = imm;
      imm = 0;
      immHi = 0;
      immSize = 0;
    }
  }

  const length = p - pos;
  if (length > MAX_LEN) return fail(out, DecodeError.TooLong, 0);

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
  out.vexW = vex !== VexKind.None ? wbit : 0;
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
  out.opcodeOffset = 0;
  if (form < 0) {
    out.form = -1;
    out.op = 0;
    if (vex !== VexKind.None && SLOT_COUNT[slot] === 0 && modrmKind === 0) {
      // VEX opcodes outside our table (AVX-512 mask instructions, ...): length known, refused.
      const len = skipModrm(code, p, end, pos, addr32);
      if (len < 0) return fail(out, len, 0);
      const total = len - pos + (map === OpMap.Vex0F3A ? 1 : 0);
      if (total > MAX_LEN) return fail(out, DecodeError.TooLong, 0);
      if (pos + total > end) return fail(out, DecodeError.Truncated, 0);
      return fail(out, DecodeError.Unsupported, total);
    }
    out.length = 0;
    return DecodeError.Undefined;
  }
  if (map === OpMap.Legacy && (opcode === 0x8c || opcode === 0x8e) && (regField > 5 || (opcode === 0x8e && regField === 1))) {
    // Only es, cs, ss, ds, fs, gs exist, and cs cannot be loaded.
    out.form = -1;
    out.length = 0;
    return DecodeError.Undefined;
  }
  if (map === OpMap.M0F && opcode >= 0x20 && opcode <= 0x23) {
    // mov to/from CR/DR: only cr0, cr2, cr3, cr4, cr8 and dr0..dr7 exist.
    const r = regField | rexR;
    if ((opcode & 1) !== 0 ? r > 7 : r !== 0 && r !== 2 && r !== 3 && r !== 4 && r !== 8) {
      out.form = -1;
      out.length = 0;
      return DecodeError.Undefined;
    }
  }
  out.form = form;
  out.op = FORM_OP[form];
  if ((prefixes & Prefix.LOCK) !== 0 && (FORM_LOCKABLE[form] === 0 || !hasMem)) {
    out.form = -1;
    return DecodeError.LockNotAllowed;
  }
  if (vex !== VexKind.None && vexV !== 0 && FORM_USES_VVVV[form] === 0) {
    out.form = -1;
    return DecodeError.BadVex;
  }
  return length;
}

/** Skips ModRM/SIB/displacement at p; returns the position after them or a DecodeError. */
function skipModrm(code: Uint8Array, p: number, end: number, pos: number, addr32: boolean): number {
  void pos;
  void addr32;
  if (p >= end) return DecodeError.Truncated;
  const modrm = code[p++];
  const mod = modrm >> 6;
  if (mod === 3) return p;
  if ((modrm & 7) === 4) {
    if (p >= end) return DecodeError.Truncated;
    const sib = code[p++];
    if (mod === 0 && (sib & 7) === 5) return p + 4;
  } else if (mod === 0 && (modrm & 7) === 5) {
    return p + 4;
  }
  return mod === 1 ? p + 1 : mod === 2 ? p + 4 : p;
}
