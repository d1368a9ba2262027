// Register effects of a decoded instruction, for the validator: explicit and implicit GPRs read and
// written, with their widths. Allocation-free: results go into a caller-owned GprList.
import { formAt, formExtraAt } from './forms.ts';
import { Access, Forbidden, OperandKind, Prefix, RegClass, RIP, type Decoded, type GprList, type OperandSpec } from './types.ts';
import { widthBits } from './widths.ts';

function push(out: GprList, reg: number, bits: number, highByte: boolean): void {
  for (let i = 0; i < out.count; i++) {
    if (out.reg[i] === reg && (out.highByte[i] !== 0) === highByte) {
      if (bits > out.bits[i]) out.bits[i] = bits;
      return;
    }
  }
  if (out.count >= out.reg.length) return;
  out.reg[out.count] = reg;
  out.bits[out.count] = bits;
  out.highByte[out.count] = highByte ? 1 : 0;
  out.count++;
}

/** The GPR number an explicit GPR operand names, or -1 (memory / not a GPR). */
export function operandGpr(o: OperandSpec, d: Decoded): number {
  if (o.cls !== RegClass.GPR) return -1;
  switch (o.kind) {
    case OperandKind.Reg: return d.reg;
    case OperandKind.RM: return d.hasMem ? -1 : d.rm;
    case OperandKind.RmReg: return d.rm;
    case OperandKind.OpReg: return (d.opcode & 7) | ((d.rex & 1) << 3);
    case OperandKind.VexV: return d.vexV;
    case OperandKind.Fixed: return o.reg;
    default: return -1;
  }
}

function collect(d: Decoded, out: GprList, wantWrite: boolean): number {
  out.count = 0;
  if (d.form < 0) return 0;
  const form = formAt(d.form);
  const extra = formExtraAt(d.form);
  const mask = wantWrite ? Access.W : Access.R;
  for (const o of form.operands) {
    if ((o.access & mask) === 0) continue;
    const reg = operandGpr(o, d);
    if (reg < 0) continue;
    const bits = widthBits(o.width, d);
    push(out, reg, bits, bits === 8 && d.rex === 0 && reg >= 4 && reg < 8);
  }
  const stringLike = form.forbidden === Forbidden.StringMemory || form.forbidden === Forbidden.IO;
  const rep = (d.prefixes & (Prefix.REP | Prefix.REPNE)) !== 0;
  for (const g of wantWrite ? extra.implicitWrite : extra.implicitRead) {
    if (stringLike && g.reg === 1 && !rep) continue;
    let bits = widthBits(g.width, d);
    if (stringLike && g.reg !== 0) bits = d.addrSize;
    if (g.reg === 4 || (form.flow === 9 && g.reg === 1)) bits = g.reg === 4 ? 64 : d.addrSize;
    push(out, g.reg, bits, false);
  }
  if (!wantWrite && d.hasMem) {
    if (d.memBase >= 0 && d.memBase !== RIP) push(out, d.memBase, d.addrSize, false);
    if (d.memIndex >= 0) push(out, d.memIndex, d.addrSize, false);
  }
  return out.count;
}

/** Fills `out` with the GPRs the instruction writes (explicit and implicit, with widths); returns the count. */
export function gprsWritten(d: Decoded, out: GprList): number {
  return collect(d, out, true);
}

/** Fills `out` with the GPRs the instruction reads (including address registers); returns the count. */
export function gprsRead(d: Decoded, out: GprList): number {
  return collect(d, out, false);
}

/** Index in the form's operand list of the memory operand, or -1. */
export function memOperandIndex(d: Decoded): number {
  if (d.form < 0) return -1;
  const ops = formAt(d.form).operands;
  for (let i = 0; i < ops.length; i++) {
    const k = ops[i].kind;
    if (k === OperandKind.Mem || (k === OperandKind.RM && d.hasMem) || k === OperandKind.Moffs ||
        k === OperandKind.StrSrc || k === OperandKind.StrDst || k === OperandKind.XlatMem) return i;
  }
  return -1;
}
