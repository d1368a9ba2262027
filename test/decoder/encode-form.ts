// A small random encoder for the forms of our table (tests only): given a form, produce one byte
// string that encodes it with random registers, memory forms, displacements and immediates.
import { formExtraAt, allForms } from '../../src/decoder/forms.ts';
import { PREFIX_ANY, PREFIX_NO_REP } from '../../src/decoder/spec.ts';
import { Imm, FORM_IMM } from '../../src/decoder/tables.ts';
import { MandatoryPrefix, ModKind, OperandKind, OpMap, RegClass, Width, type Form } from '../../src/decoder/types.ts';

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PP_BYTE = [0, 0x66, 0xf3, 0xf2];

export function encodeForm(f: Form, rand: () => number): Uint8Array {
  const int = (n: number): number => Math.floor(rand() * n);
  const x = formExtraAt(f.id);
  const out: number[] = [];
  const vex = f.map >= OpMap.Vex0F;
  // Operand size / W.
  let w = f.w >= 0 ? f.w : int(2) === 0 ? 1 : 0;
  let opsize16 = false;
  if (x.opSizeReq === 64) w = 1;
  else if (x.opSizeReq === 32) w = 0;
  else if (x.opSizeReq === 16) { w = 0; opsize16 = true; }
  const gprSized = f.operands.some((o) => o.cls === RegClass.GPR && (o.width === Width.V || o.width === Width.Z));
  const sizedSibling = allForms().some((g) => g.map === f.map && g.opcode === f.opcode && formExtraAt(g.id).opSizeReq !== 0);
  if (!vex && x.prefixMatch === PREFIX_ANY && x.opSizeReq === 0 && gprSized && !sizedSibling && int(4) === 0) opsize16 = true;
  if (!vex && x.prefixMatch === MandatoryPrefix.P66) opsize16 = false;
  if (x.addrSizeReq === 32) out.push(0x67);
  if (opsize16 || (!vex && x.prefixMatch === MandatoryPrefix.P66)) out.push(0x66);
  if (!vex && (x.prefixMatch === MandatoryPrefix.PF3 || x.prefixMatch === MandatoryPrefix.PF2)) out.push(PP_BYTE[x.prefixMatch]);
  // Register fields.
  let reg = f.regExt >= 0 ? f.regExt : int(8);
  let rm = f.rmExt >= 0 ? f.rmExt : int(8);
  let mod = f.mod === ModKind.Reg ? 3 : f.mod === ModKind.Mem ? int(3) : int(4);
  let rexR = int(2);
  let rexX = int(2);
  let rexB = x.noRexB ? 0 : int(2);
  const isSeg = f.map === OpMap.Legacy && (f.opcode === 0x8c || f.opcode === 0x8e);
  if (isSeg) reg = f.opcode === 0x8e ? [0, 2, 3, 4, 5][int(5)] : int(6);
  if (isSeg) rexR = 0;
  if (f.map === OpMap.M0F && f.opcode >= 0x20 && f.opcode <= 0x23) {
    rexR = 0;
    if ((f.opcode & 1) === 0) reg = [0, 2, 3, 4][int(4)];
  }
  if (f.operands.some((o) => o.cls === RegClass.MMX || o.cls === RegClass.Seg) && int(2) === 0) rexR = 0;
  const opLow = f.operands.some((o) => o.kind === OperandKind.OpReg) ? int(8) : 0;
  if (f.mnemonic === 'xchg' && f.opcode === 0x90 && opLow === 0) rexB = 1;
  // Gathers: VSIB needs a SIB byte and distinct registers; keep the index away from the others.
  const vsib = /gather/.test(f.mnemonic);
  if (vsib) { mod = int(3); rm = 4; }
  if (vex) {
    const mapField = f.map - OpMap.Vex0F + 1;
    const l = f.l >= 0 ? f.l : int(2);
    const usesV = f.operands.some((o) => o.kind === OperandKind.VexV);
    let vvvv = usesV ? int(16) : 0;
    if (vsib) { reg = 0; rexR = 0; vvvv = 1; }
    const pp = f.prefix;
    if (mapField === 1 && w === 0 && rexX === 0 && rexB === 0 && int(2) === 0) {
      out.push(0xc5, ((rexR ^ 1) << 7) | ((~vvvv & 15) << 3) | (l << 2) | pp);
    } else {
      out.push(0xc4, ((rexR ^ 1) << 7) | ((rexX ^ 1) << 6) | ((rexB ^ 1) << 5) | mapField,
        (w << 7) | ((~vvvv & 15) << 3) | (l << 2) | pp);
    }
  } else {
    const rex = 0x40 | (w << 3) | (rexR << 2) | (rexX << 1) | rexB;
    if (rex !== 0x40 || int(4) === 0) out.push(rex);
    if (f.map === OpMap.M0F || f.map === OpMap.Now3D) out.push(0x0f);
    if (f.map === OpMap.M0F38) out.push(0x0f, 0x38);
    if (f.map === OpMap.M0F3A) out.push(0x0f, 0x3a);
    if (f.map === OpMap.Now3D) out.push(0x0f);
  }
  if (f.map !== OpMap.Now3D) out.push(f.opcode + opLow);
  if (f.hasModrm) {
    out.push((mod << 6) | (reg << 3) | rm);
    if (mod !== 3 && !x.modIgnored) {
      let base = -1;
      if (rm === 4) {
        let index = int(8);
        if (vsib) index = 2 + int(6);
        base = int(8);
        out.push((int(4) << 6) | (index << 3) | base);
      }
      if (mod === 1) out.push(int(256));
      else if (mod === 2 || (mod === 0 && (rm === 5 || base === 5))) out.push(int(256), int(256), int(256), int(256));
    }
  }
  // Immediates (sizes follow the decoder's rules; the value bytes are random).
  const opSize = w ? 64 : opsize16 ? 16 : 32;
  const sizes: Record<number, number> = {
    [Imm.B]: 1, [Imm.W]: 2, [Imm.D]: 4, [Imm.Z]: opSize === 16 ? 2 : 4,
    [Imm.V]: opSize === 64 ? 8 : opSize === 16 ? 2 : 4, [Imm.Moffs]: x.addrSizeReq === 32 ? 4 : 8, [Imm.WB]: 3,
    [Imm.BB]: 2, [Imm.RelB]: 1, [Imm.RelZ]: 4, [Imm.RelZ16]: opSize === 16 ? 2 : 4,
  };
  const n = sizes[FORM_IMM[f.id]] ?? 0;
  for (let i = 0; i < n; i++) out.push(int(256));
  if (f.map === OpMap.Now3D) out.push(f.opcode);
  void PREFIX_NO_REP;
  return Uint8Array.from(out);
}
