// The general-purpose registers an ordinary instruction writes through its operands, as NaCl's
// rules see them (§4, §7, §8): implicit stack-pointer updates of push/pop/call are not operands and
// are not listed; the other implicit operands cannot name %rsp, %rbp or %r15.
import { Access, OperandKind, RegClass, Width, type Decoded, type Form } from '../decoder/types.ts';

/** Reusable list of written registers. */
export class WrittenRegs {
  count = 0;
  readonly reg = new Int8Array(8);
  readonly bits = new Uint8Array(8);
  /** %ah..%bh (byte registers 4..7 without REX). */
  readonly highByte = new Uint8Array(8);
  /** Written through ModRM.rm or the opcode's low bits (the slot NaCl restricts first). */
  readonly rmSlot = new Uint8Array(8);
  /** A written operand was memory. */
  writesMemory = false;
}

/** Operand width in bits of a width code for this decode. */
export function widthBits(width: number, d: Decoded): number {
  switch (width) {
    case Width.B: return 8;
    case Width.W: return 16;
    case Width.D: return 32;
    case Width.Q: return 64;
    case Width.V: return d.opSize === 8 ? 32 : d.opSize;
    case Width.Z: return d.opSize === 16 ? 16 : 32;
    case Width.Y: return (d.rex & 8) !== 0 || d.vexW === 1 && d.vex !== 0 ? 64 : 32;
    case Width.D64: return d.opSize === 16 ? 16 : 64;
    case Width.S: return d.opSize === 16 ? 16 : 32;
    default: return 0;
  }
}

/**
 * Fills `out` with the GPR operands the instruction writes; returns the count. `out.withMemory`
 * tells whether a written operand was memory (xchg/xadd with memory do not zero-extend: §4).
 */
export function writtenRegs(d: Decoded, form: Form, out: WrittenRegs): number {
  let n = 0;
  out.writesMemory = false;
  const ops = form.operands;
  for (let i = 0; i < ops.length; i++) {
    const o = ops[i]!;
    if ((o.access & Access.W) === 0 || o.cls !== RegClass.GPR) continue;
    let reg: number;
    let rmSlot = 0;
    switch (o.kind) {
      case OperandKind.Reg:
        reg = d.reg;
        break;
      case OperandKind.RM:
        if (d.hasMem) {
          out.writesMemory = true;
          continue;
        }
        reg = d.rm;
        rmSlot = 1;
        break;
      case OperandKind.RmReg:
        reg = d.rm;
        rmSlot = 1;
        break;
      case OperandKind.OpReg:
        reg = (d.opcode & 7) | ((d.rex & 1) << 3);
        rmSlot = 1;
        break;
      case OperandKind.VexV:
        reg = d.vexV;
        break;
      case OperandKind.Fixed:
        reg = o.reg;
        if (reg === 4) continue;
        break;
      default:
        continue;
    }
    const bits = widthBits(o.width, d);
    if (bits === 0 || n >= 8) continue;
    out.reg[n] = reg;
    out.bits[n] = bits;
    out.highByte[n] = bits === 8 && d.rex === 0 && reg >= 4 && reg < 8 ? 1 : 0;
    out.rmSlot[n] = rmSlot;
    n++;
  }
  out.count = n;
  return n;
}
