// Stage two: operand expansion and instruction info on top of decodeFast (allocates; not for hot loops).
import { decodeFast } from './decode-fast.ts';
import { gprsRead, gprsWritten } from './effects.ts';
import { formAt } from './forms.ts';
import {
  Access, Decoded, decodeErrorMessage, GprList, NaclFact, OperandKind, RegClass, RIP, Width,
  type DecodeError, type DecodeResult, type Operand, type OperandSpec, type RegUse,
} from './types.ts';
import { widthBits } from './widths.ts';

function regUses(list: GprList): RegUse[] {
  const out: RegUse[] = [];
  for (let i = 0; i < list.count; i++) out.push({ reg: list.reg[i], bits: list.bits[i], highByte: list.highByte[i] !== 0 });
  return out;
}

function immValue(o: OperandSpec, d: Decoded, value: number, hi: number, bits: number): bigint {
  const signed = o.reg === 1;
  let v: bigint;
  if (d.immSize === 8 && o.kind === OperandKind.Imm) v = (BigInt(hi >>> 0) << 32n) | BigInt(value >>> 0);
  else v = signed ? BigInt(value | 0) : BigInt(value >>> 0);
  return BigInt.asUintN(bits, v);
}

function regOperand(cls: number, reg: number, bits: number, d: Decoded, access: number): Operand {
  const highByte = cls === RegClass.GPR && bits === 8 && d.rex === 0 && reg >= 4 && reg < 8;
  return { type: 'reg', cls: cls as RegClass, reg, bits, highByte, access: access as Access };
}

function memOperand(d: Decoded, bits: number, access: number, noAccess: boolean,
  base = d.memBase, index = d.memIndex, scale = d.memScale, disp = d.disp, segment = d.segmentFsGs,
  moffs?: bigint): Operand {
  return { type: 'mem', base, index, scale, disp, segment, bits, addrSize: d.addrSize, access: access as Access, noAccess, moffs };
}

/** Expands one table operand into a full operand (null for operands that are never shown). */
function expand(o: OperandSpec, d: Decoded, pos: number): Operand | null {
  const bits = widthBits(o.width, d);
  const noAccess = d.form >= 0 && (formAt(d.form).nacl & NaclFact.NoMemoryAccess) !== 0;
  switch (o.kind) {
    case OperandKind.Reg: return regOperand(o.cls, o.cls === RegClass.GPR || o.cls === RegClass.XMM || o.cls === RegClass.CR || o.cls === RegClass.DR ? d.reg : d.reg & 7, bits, d, o.access);
    case OperandKind.RM:
      if (d.hasMem) return memOperand(d, bits, o.access, noAccess);
      return regOperand(o.cls, o.cls === RegClass.MMX ? d.rm & 7 : d.rm, bits, d, o.access);
    case OperandKind.Mem: return memOperand(d, bits, o.access, noAccess);
    case OperandKind.RmReg: return regOperand(o.cls, o.cls === RegClass.MMX ? d.rm & 7 : d.rm, bits, d, o.access);
    case OperandKind.OpReg: return regOperand(o.cls, (d.opcode & 7) | ((d.rex & 1) << 3), bits, d, o.access);
    case OperandKind.VexV: return regOperand(o.cls, d.vexV, bits, d, o.access);
    case OperandKind.Fixed: return regOperand(o.cls, o.reg, o.cls === RegClass.XMM ? 128 : bits, d, o.access);
    case OperandKind.Is4: return regOperand(RegClass.XMM, (d.imm >>> 4) & 15, bits, d, o.access);
    case OperandKind.Imm: {
      const ib = o.width === Width.B && o.reg === 1 ? Math.max(d.opSize, 8) : o.width === Width.Z && o.reg === 1 ? Math.min(d.opSize, 64) : bits;
      return { type: 'imm', value: immValue(o, d, d.imm, d.immHi, o.width === Width.V ? d.opSize : ib), bits: o.width === Width.V ? d.opSize : ib };
    }
    case OperandKind.Imm2: return { type: 'imm', value: BigInt(d.imm2), bits: 8 };
    case OperandKind.One: return { type: 'imm', value: 1n, bits: 8 };
    case OperandKind.Rel: return { type: 'rel', rel: d.rel, target: pos + d.length + d.rel };
    case OperandKind.Moffs: {
      const big = d.addrSize === 32 ? BigInt(d.imm >>> 0) : (BigInt(d.immHi >>> 0) << 32n) | BigInt(d.imm >>> 0);
      return memOperand(d, bits, o.access, false, -1, -1, 1, Number(big), d.segmentFsGs, big);
    }
    case OperandKind.StrSrc: return memOperand(d, bits, o.access, false, 6, -1, 1, 0, d.segmentFsGs || 0x3e);
    case OperandKind.StrDst: return memOperand(d, bits, o.access, false, 7, -1, 1, 0, 0x26);
    case OperandKind.XlatMem: return memOperand(d, 8, o.access, false, 3, -1, 1, 0, d.segmentFsGs || 0x3e);
    case OperandKind.St0: return regOperand(RegClass.ST, 0, 80, d, o.access);
    case OperandKind.StI: return regOperand(RegClass.ST, d.rm & 7, 80, d, o.access);
    default: return null;
  }
}

/** Decodes one instruction with its operands and instruction info. */
export function decodeFull(code: Uint8Array, pos: number, end: number): DecodeResult {
  const d = new Decoded();
  const r = decodeFast(code, pos, end, d);
  if (r < 0) {
    return { ok: false, pos, error: r as DecodeError, length: d.length, reason: decodeErrorMessage(r) };
  }
  const form = formAt(d.form);
  const operands: Operand[] = [];
  for (const o of form.operands) {
    const x = expand(o, d, pos);
    if (x !== null) operands.push(x);
  }
  const list = new GprList();
  gprsRead(d, list);
  const gprRead = regUses(list);
  gprsWritten(d, list);
  const gprWritten = regUses(list);
  return {
    ok: true, pos, length: r, bytes: code.slice(pos, pos + r), form, mnemonic: form.mnemonic, op: form.op, d,
    operands, opSize: d.opSize, addrSize: d.addrSize, gprRead, gprWritten, feature: form.feature, flow: form.flow,
    flagsRead: form.flagsRead, flagsWritten: form.flagsWritten, flagsUndefined: form.flagsUndefined,
  };
}

export { RIP };
