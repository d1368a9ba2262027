// Decode-once: the validated (immutable) text is decoded a single time into struct-of-arrays
// records indexed by instruction number; the run loop never decodes.
import {
  Decoded, FORMS, Flow, OperandKind, Prefix, RegClass, RIP, Width, decodeFast,
} from '../decoder/index.ts';
import { K, OP_KIND, OP_SUB } from './kinds.ts';

/** Operand location types. */
export const Loc = { None: 0, Reg: 1, Mem: 2, Imm: 3 } as const;

/** Instruction-record flags. */
export const IF = { Rep: 1, Repne: 2, Addr32: 4, Rex: 8 } as const;

export class Program {
  /** Number of decoded instructions. */
  readonly count: number;
  readonly kind: Uint8Array;
  readonly sub: Uint8Array;
  readonly flags: Uint8Array;
  readonly len: Uint8Array;
  /** Sandbox address of each instruction. */
  readonly addr: Float64Array;
  /** Per operand slot (3 per instruction): location type, register (U8 index for byte regs), width. */
  readonly locT: Uint8Array;
  readonly locR: Uint8Array;
  readonly locW: Uint8Array;
  readonly memBase: Int8Array;
  readonly memIndex: Int8Array;
  readonly memScale: Uint8Array;
  /** Displacement; for RIP-relative operands already the absolute address part (next rip + disp). */
  readonly memDisp: Float64Array;
  readonly immLo: Int32Array;
  readonly immHi: Int32Array;
  /** Direct branch target: instruction index, or -1 when not an instruction start in text. */
  readonly target: Int32Array;
  /** Direct branch target address. */
  readonly targetAddr: Float64Array;
  /** Text offset -> instruction index, -1 if not an instruction start. */
  readonly at: Int32Array;

  constructor(readonly text: Uint8Array, readonly base: number) {
    const n = text.length + 1; // +1: a sentinel "fell off the end" record
    this.kind = new Uint8Array(n);
    this.sub = new Uint8Array(n);
    this.flags = new Uint8Array(n);
    this.len = new Uint8Array(n);
    this.addr = new Float64Array(n);
    this.locT = new Uint8Array(3 * n);
    this.locR = new Uint8Array(3 * n);
    this.locW = new Uint8Array(3 * n);
    this.memBase = new Int8Array(n);
    this.memIndex = new Int8Array(n);
    this.memScale = new Uint8Array(n);
    this.memDisp = new Float64Array(n);
    this.immLo = new Int32Array(n);
    this.immHi = new Int32Array(n);
    this.target = new Int32Array(n);
    this.targetAddr = new Float64Array(n);
    this.at = new Int32Array(text.length).fill(-1);
    this.count = this.decodeAll();
  }

  /** Instruction index of a sandbox address, or -1. */
  indexOf(address: number): number {
    const off = address - this.base;
    return off >= 0 && off < this.text.length ? this.at[off] : -1;
  }

  private decodeAll(): number {
    const d = new Decoded();
    const text = this.text;
    let i = 0;
    for (let off = 0; off < text.length; i++) {
      this.at[off] = i;
      this.addr[i] = this.base + off;
      const len = decodeFast(text, off, text.length, d);
      if (len <= 0) {
        // Not decodable (the validator rejects such text): executing it is #UD.
        this.kind[i] = K.Invalid;
        this.len[i] = 1;
        off += 1;
        continue;
      }
      this.len[i] = len;
      this.fill(i, off, d);
      off += len;
    }
    // Sentinel: running past the end of text.
    this.kind[i] = K.Invalid;
    this.addr[i] = this.base + text.length;
    for (let j = 0; j < i; j++) {
      if (this.target[j] === -2) {
        const t = this.targetAddr[j] - this.base;
        this.target[j] = t >= 0 && t < text.length ? this.at[t] : -1;
      }
    }
    return i;
  }

  private fill(i: number, off: number, d: Decoded): void {
    const form = FORMS[d.form];
    let kind: number = OP_KIND[d.op];
    const sub = OP_SUB[d.op];
    // Forms sharing an op with different shapes.
    if (kind === K.Imul && form.operands.length === 1) kind = K.ImulAcc;
    if (form.flow === Flow.IndirectJmp) kind = K.JmpInd;
    else if (form.flow === Flow.IndirectCall) kind = K.CallInd;
    else if (form.flow === Flow.Far) kind = K.Invalid;
    if (kind === K.Jmp && form.flow !== Flow.Jmp) kind = K.Invalid;
    let flags = 0;
    if (d.prefixes & Prefix.REP) flags |= IF.Rep;
    if (d.prefixes & Prefix.REPNE) flags |= IF.Repne;
    if (d.addrSize === 32) flags |= IF.Addr32;
    if (d.rex !== 0) flags |= IF.Rex;
    this.flags[i] = flags;
    this.sub[i] = sub;
    this.immLo[i] = d.imm;
    this.immHi[i] = d.immHi;
    const next = this.base + off + d.length;
    if (d.hasMem) {
      this.memBase[i] = d.memBase === RIP ? -1 : d.memBase;
      this.memIndex[i] = d.memIndex;
      this.memScale[i] = d.memScale;
      this.memDisp[i] = d.memBase === RIP ? next + d.disp : d.disp;
    } else {
      this.memBase[i] = -1;
      this.memIndex[i] = -1;
    }
    this.target[i] = -1;
    let slot = 0;
    for (const spec of form.operands) {
      if (spec.kind === OperandKind.Rel) {
        this.targetAddr[i] = next + d.rel;
        this.target[i] = -2; // resolved once all starts are known
        continue;
      }
      if (spec.kind === OperandKind.StrSrc || spec.kind === OperandKind.StrDst ||
          spec.kind === OperandKind.ImplicitMem || spec.kind === OperandKind.Imm2) continue;
      if (spec.cls !== RegClass.GPR) { kind = K.Invalid; break; }
      if (slot > 2) break;
      const w = widthBits(spec.width, d.opSize);
      let t: number = Loc.None, r = 0;
      switch (spec.kind) {
        case OperandKind.Reg: t = Loc.Reg; r = d.reg; break;
        case OperandKind.RM: case OperandKind.RmReg:
          if (d.hasMem) t = Loc.Mem; else { t = Loc.Reg; r = d.rm; }
          break;
        case OperandKind.Mem:
          // a memory-only operand encoded with mod = 3 is #UD (e.g. lea with a register)
          if (d.hasMem) t = Loc.Mem; else kind = K.Invalid;
          break;
        case OperandKind.OpReg: t = Loc.Reg; r = (d.opcode & 7) | ((d.rex & 1) << 3); break;
        case OperandKind.Fixed: t = Loc.Reg; r = spec.reg; break;
        case OperandKind.VexV: t = Loc.Reg; r = d.vexV; break;
        case OperandKind.Imm: t = Loc.Imm; break;
        case OperandKind.One: t = Loc.Imm; this.immLo[i] = 1; this.immHi[i] = 0; break;
        default: kind = K.Invalid;
      }
      if (t === Loc.Reg && w === 8) r = d.rex === 0 && r >= 4 && r < 8 ? 8 * (r - 4) + 1 : 8 * r;
      this.locT[3 * i + slot] = t;
      this.locR[3 * i + slot] = r;
      this.locW[3 * i + slot] = w;
      slot++;
    }
    if (kind === K.Shift || kind === K.Shld || kind === K.Shrd) {
      // the count operand (Ib, 1 or CL) is always read as 8 bits
      this.locW[3 * i + slot - 1] = 8;
    }
    if (kind === K.Movs || kind === K.Cmps || kind === K.Stos || kind === K.Lods || kind === K.Scas) {
      this.locW[3 * i] = sub;
    }
    // Implicit-operand forms: their width is the operand size.
    if (slot === 0) this.locW[3 * i] = d.opSize;
    // push/pop move 8 bytes, or 2 with 66 (whatever the operand's own width, e.g. push imm8)
    if (kind === K.Push || kind === K.Pop) this.sub[i] = d.opSize === 16 ? 16 : 64;
    // bswap with 66: the operand is 16 bits (its result is architecturally undefined)
    if (kind === K.Bswap && d.opSize === 16) this.locW[3 * i] = 16;
    this.kind[i] = kind;
  }
}

/** Width code of an operand spec -> bits, given the effective operand size. */
export function widthBits(w: number, opSize: number): number {
  switch (w) {
    case Width.B: return 8;
    case Width.W: return 16;
    case Width.D: return 32;
    case Width.Q: return 64;
    case Width.Z: case Width.S: return opSize === 16 ? 16 : 32;
    case Width.Y: return opSize === 64 ? 64 : 32;
    case Width.D64: return opSize === 16 ? 16 : 64;
    case Width.DQ: return 128;
    default: return opSize;
  }
}
