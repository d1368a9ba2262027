// Decode-once: the validated (immutable) text is decoded a single time into struct-of-arrays
// records indexed by instruction number; the run loop never decodes.
import { Decoded, formAt, Flow, OperandKind, Prefix, RegClass, RIP, Width, decodeFast } from '../decoder/index.ts';
import { K, formKind, memoryOnly, opSub } from './kinds.ts';

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
  /** memDisp modulo 2^32 as an int32, and log2 of the scale (for 32-bit address arithmetic). */
  readonly memDisp32: Int32Array;
  readonly memShift: Uint8Array;
  readonly immLo: Int32Array;
  readonly immHi: Int32Array;
  /** Direct branch target: instruction index, or -1 when not an instruction start in text. */
  readonly target: Int32Array;
  /** Direct branch target address. */
  readonly targetAddr: Float64Array;
  /** Text offset -> instruction index, -1 if not an instruction start. */
  readonly at: Int32Array;
  /** Status flags each instruction reads / certainly writes (for flag liveness). */
  readonly flagsRead: Uint16Array;
  readonly flagsWritten: Uint16Array;
  /** Status flags that may be read after each instruction (the rest are dead). */
  readonly liveOut: Uint16Array;
  /** Length of the run of Nop-kind records starting here (0 if not a Nop): NaCl bundle padding
   * is retired in one dispatch. */
  readonly nopRun: Int32Array;
  /** Decoder form id of each K.Simd record (what execSimd dispatches on). */
  readonly form: Uint16Array;

  /**
   * `dynamic`: code jailed at run time (not the text). Its end record is then a jump to the address
   * right after the code, so running off the end goes on into whatever code follows there (or
   * faults as a fetch from non-executable memory), instead of being #UD.
   */
  constructor(readonly text: Uint8Array, readonly base: number, readonly dynamic = false) {
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
    this.memDisp32 = new Int32Array(n);
    this.memShift = new Uint8Array(n);
    this.immLo = new Int32Array(n);
    this.immHi = new Int32Array(n);
    this.target = new Int32Array(n);
    this.targetAddr = new Float64Array(n);
    this.at = new Int32Array(text.length).fill(-1);
    this.flagsRead = new Uint16Array(n);
    this.flagsWritten = new Uint16Array(n);
    this.liveOut = new Uint16Array(n);
    this.nopRun = new Int32Array(n);
    this.form = new Uint16Array(n);
    this.count = this.decodeAll();
    computeLiveness(this);
    specialize(this);
    fuse(this);
    fuseNacl(this);
    for (let i = this.count - 1; i >= 0; i--) {
      if (this.kind[i] === K.Nop) this.nopRun[i] = 1 + this.nopRun[i + 1];
    }
  }

  /** Instruction index of a sandbox address, or -1. */
  indexOf(address: number): number {
    const off = address - this.base;
    if (off === this.text.length) return this.count; // the end-of-text sentinel
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
        this.flagsRead[i] = STATUS;
        off += 1;
        continue;
      }
      this.len[i] = len;
      this.fill(i, off, d);
      off += len;
    }
    // Sentinel: running past the end of text.
    this.kind[i] = K.Invalid;
    this.flagsRead[i] = STATUS;
    this.addr[i] = this.base + text.length;
    if (this.dynamic) {
      this.kind[i] = K.Jmp;
      this.target[i] = -1;
      this.targetAddr[i] = this.base + text.length;
    }
    for (let j = 0; j < i; j++) {
      if (this.target[j] === -2) {
        const t = this.targetAddr[j] - this.base;
        this.target[j] = t >= 0 && t < text.length ? this.at[t] : t === text.length ? i : -1;
      }
    }
    return i;
  }

  private fill(i: number, off: number, d: Decoded): void {
    const form = formAt(d.form);
    let kind = formKind(form);
    const sub = opSub(form);
    let flags = 0;
    if (d.prefixes & Prefix.REP) flags |= IF.Rep;
    if (d.prefixes & Prefix.REPNE) flags |= IF.Repne;
    if (d.addrSize === 32) flags |= IF.Addr32;
    if (d.rex !== 0) flags |= IF.Rex;
    this.flags[i] = flags;
    this.sub[i] = sub;
    // Shifts by a masked count of 0 write no flags, so they never count as writers.
    const shifts = kind === K.Shift || kind === K.Shld || kind === K.Shrd;
    this.flagsRead[i] = form.flow === Flow.None || form.flow === Flow.Jcc || form.flow === Flow.Loop || form.flow === Flow.Jmp || form.flow === Flow.Call
      ? form.flagsRead & STATUS : STATUS; // control leaving the straight line: assume everything is read
    this.flagsWritten[i] = shifts ? 0 : form.flagsWritten & STATUS & ~hostKeeps(kind);
    this.immLo[i] = d.imm;
    this.immHi[i] = d.immHi;
    const next = this.base + off + d.length;
    if (d.hasMem) {
      this.memBase[i] = d.memBase === RIP ? -1 : d.memBase;
      this.memIndex[i] = d.memIndex;
      this.memScale[i] = d.memScale;
      this.memDisp[i] = d.memBase === RIP ? next + d.disp : d.disp;
      this.memDisp32[i] = this.memDisp[i] | 0;
      this.memShift[i] = 31 - Math.clz32(d.memScale);
    } else {
      this.memBase[i] = -1;
      this.memIndex[i] = -1;
    }
    this.target[i] = -1;
    if (kind === K.Simd) {
      // execSimd gets ModRM.reg/rm (REX-extended) in slots 0/1, REX.W in sub, the form id, and the
      // effective address when slot 0 says Mem. A memory-only form encoded with mod = 3 is #UD.
      this.form[i] = d.form;
      this.locR[3 * i] = d.reg;
      this.locR[3 * i + 1] = d.rm;
      this.locT[3 * i] = d.hasMem ? Loc.Mem : Loc.Reg;
      this.sub[i] = (d.rex >> 3) & 1;
      this.kind[i] = !d.hasMem && memoryOnly(form) ? K.Invalid : K.Simd;
      if (this.kind[i] === K.Invalid) this.flagsRead[i] = STATUS;
      return;
    }
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
      // a constant count that is not 0 after masking writes the form's flags
      if (this.locT[3 * i + slot - 1] === Loc.Imm && (this.immLo[i] & (this.locW[3 * i] === 64 ? 63 : 31)) !== 0) {
        this.flagsWritten[i] = form.flagsWritten & STATUS;
      }
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
    // hlt and ud2 end the run with a fault that does not expose the flags; anything else unknown reads all
    if (kind === K.Ud || kind === K.Hlt) this.flagsRead[i] = 0;
    else if (kind === K.Invalid) this.flagsRead[i] = STATUS;
    this.kind[i] = kind;
  }
}

const STATUS = 0x8d5;

/** Undefined flags that the reference host (AMD Zen) leaves unchanged, as the handlers do: for
 * liveness they are not written (an earlier producer's values show through). */
function hostKeeps(kind: number): number {
  switch (kind) {
    case K.MulAcc: case K.ImulAcc: case K.Imul: return 0xd4; // SF ZF AF PF
    case K.Div: case K.Idiv: return 0x801; // CF OF
    case K.Bsf: case K.Bsr: return 0x895; // all but ZF
    case K.Bt: return 0x894; // all but CF (ZF is defined as unchanged)
    case K.Lzcnt: case K.Tzcnt: return 0x800; // OF
    default: return 0;
  }
}

/**
 * Backward flag liveness to a fixpoint: liveIn = read | (liveOut & ~written); liveOut is the liveIn
 * of the fall-through successor, plus the direct branch target's for jcc/loop, or the target's
 * alone for jmp and call. Returns, indirect branches and undecodable bytes count as reading every
 * flag; hlt and ud2 as reading none and having no successor (their fault does not expose the flags).
 */
function computeLiveness(p: Program): void {
  const n = p.count;
  const liveIn = new Uint16Array(n + 1);
  liveIn[n] = STATUS;
  for (let changed = true; changed;) {
    changed = false;
    for (let i = n - 1; i >= 0; i--) {
      const k = p.kind[i];
      const t = p.target[i];
      let out: number;
      if (k === K.Hlt || k === K.Ud) out = 0; // never falls through: its fault ends the run
      else if (k === K.Jmp || k === K.Call) out = t >= 0 ? liveIn[t] : STATUS; // a callee sees the caller's flags
      else if (k === K.Jcc || k === K.Loop) out = liveIn[i + 1] | (t >= 0 ? liveIn[t] : STATUS);
      else out = liveIn[i + 1];
      const inn = p.flagsRead[i] | (out & ~p.flagsWritten[i]);
      if (inn !== liveIn[i] || out !== p.liveOut[i]) {
        liveIn[i] = inn;
        p.liveOut[i] = out;
        changed = true;
      }
    }
  }
}

/** cc values whose outcome depends only on the result (Z, NZ, S, NS, P, NP). */
const RESULT_CC = (cc: number): boolean => cc === 4 || cc === 5 || cc === 8 || cc === 9 || cc === 10 || cc === 11;

/** Fuses the nacljmp / naclcall superinstructions (the validator's masked indirect branches). */
function fuseNacl(p: Program): void {
  const { kind, sub, locT, locR } = p;
  for (let i = 0; i + 2 < p.count; i++) {
    if (kind[i] !== K.And32RINF || p.immLo[i] !== -32) continue;
    const x = locR[3 * i];
    const k1 = kind[i + 1], k2 = kind[i + 2];
    const j1 = 3 * (i + 1);
    if ((k1 !== K.Alu64RR && k1 !== K.Alu64RRNF) || sub[i + 1] !== 0 || locR[j1] !== x || locT[j1 + 1] !== Loc.Reg ||
        locR[j1 + 1] !== 15) continue;
    if ((k2 !== K.JmpIndR && k2 !== K.CallIndR) || locR[3 * (i + 2)] !== x) continue;
    kind[i] = k2 === K.JmpIndR ? K.NaclJmp : K.NaclCall;
  }
}

/** Fuses cmp/sub/test/and (any cc) and add/or/xor, inc/dec (result-only cc) with a following jcc;
 * ALU producers whose flags stay live after the jcc fuse too (the L kinds record them). */
function fuse(p: Program): void {
  const { kind, sub, locT, locW } = p;
  for (let i = 0; i + 1 < p.count; i++) {
    if (kind[i + 1] !== K.Jcc) continue;
    const live = (p.liveOut[i + 1] & p.flagsWritten[i]) !== 0;
    const cc = sub[i + 1];
    const k = kind[i];
    if (live && k !== K.Alu32RR && k !== K.Alu32RI && k !== K.Alu64RR && k !== K.Alu64RI) continue;
    if (k === K.Alu32RR || k === K.Alu32RI || k === K.Alu64RR || k === K.Alu64RI) {
      const op = sub[i];
      const compare = op === 5 || op === 7 || op === 4 || op === 8; // sub cmp and test
      if (!(compare || ((op === 0 || op === 1 || op === 6) && RESULT_CC(cc)))) continue;
      if (k === K.Alu64RR || k === K.Alu64RI) { if (!compare) continue; kind[i] = live ? K.AluJcc64L : K.AluJcc64; }
      else kind[i] = live ? K.AluJcc32L : K.AluJcc32;
    } else if ((k === K.Inc || k === K.Dec) && locT[3 * i] === Loc.Reg && (locW[3 * i] === 32 || locW[3 * i] === 64) && RESULT_CC(cc)) {
      sub[i] = k === K.Inc ? 1 : 0xff;
      kind[i] = locW[3 * i] === 32 ? K.IncDecJcc32 : K.IncDecJcc64;
    }
  }
}

const NF_ALU = (op: number): boolean => op === 0 || op === 1 || op === 4 || op === 5 || op === 6;

/** Chooses specialized kinds for the hot register/immediate forms. */
function specialize(p: Program): void {
  const { kind, locT, locW, sub, flags } = p;
  for (let i = 0; i < p.count; i++) {
    const j = 3 * i;
    const w = locW[j];
    const t0 = locT[j], t1 = locT[j + 1];
    const wide = w === 32 || w === 64;
    const dead = (p.liveOut[i] & p.flagsWritten[i]) === 0;
    switch (kind[i]) {
      case K.Alu:
        if (t0 === Loc.Reg && wide && (t1 === Loc.Reg || t1 === Loc.Imm)) {
          const op = sub[i];
          if (dead && (op === 7 || op === 8)) kind[i] = K.Nop; // cmp/test whose flags nobody reads
          else if (dead && NF_ALU(op)) {
            if (w === 32) {
              const base = op === 0 ? K.Add32RRNF : op === 5 ? K.Sub32RRNF : op === 4 ? K.And32RRNF : op === 1 ? K.Or32RRNF : K.Xor32RRNF;
              kind[i] = t1 === Loc.Reg ? base : base + 1;
            } else kind[i] = t1 === Loc.Reg ? K.Alu64RRNF : K.Alu64RINF;
          } else kind[i] = w === 32 ? (t1 === Loc.Reg ? K.Alu32RR : K.Alu32RI) : (t1 === Loc.Reg ? K.Alu64RR : K.Alu64RI);
        } else if (w === 32 && (flags[i] & IF.Addr32) === 0 && sub[i] !== 2 && sub[i] !== 3) { // (not adc/sbb)
          if (t0 === Loc.Reg && t1 === Loc.Mem) kind[i] = K.AluRM32;
          else if (t0 === Loc.Mem && t1 === Loc.Reg) kind[i] = K.AluMR32;
        }
        break;
      case K.Mov:
        if (!wide || (flags[i] & IF.Addr32) !== 0) break; // (the Load/Store kinds assume 64-bit addressing)
        if (t0 === Loc.Reg && t1 === Loc.Reg) kind[i] = w === 32 ? K.Mov32RR : K.Mov64RR;
        else if (t0 === Loc.Reg && t1 === Loc.Imm) kind[i] = w === 32 ? K.Mov32RI : K.Mov64RI;
        else if (t0 === Loc.Reg && t1 === Loc.Mem) kind[i] = w === 32 ? K.Load32 : K.Load64;
        else if (t0 === Loc.Mem && t1 === Loc.Reg) kind[i] = w === 32 ? K.Store32 : K.Store64;
        break;
      case K.Lea:
        if (wide && (flags[i] & IF.Addr32) === 0) kind[i] = w === 64 ? K.Lea64 : K.Lea32;
        break;
      case K.Shift: {
        if (t0 !== Loc.Reg || !wide) break;
        const op = sub[i];
        // what a count that is not 0 writes: rol/ror CF and OF, shl/shr/sar every status flag
        // (rcl/rcr also read CF: always the flag-keeping kind)
        const writes = op === 0 || op === 1 ? 0x801 : op >= 4 ? STATUS : -1;
        if (writes !== -1 && (p.liveOut[i] & writes) === 0) kind[i] = w === 32 ? K.ShiftNF32 : K.ShiftNF64;
        else kind[i] = w === 32 ? K.ShiftR32 : K.ShiftR64;
        break;
      }
      case K.Not:
        if (t0 === Loc.Reg && wide) kind[i] = K.NotR;
        break;
      case K.Movzx:
        if (t0 === Loc.Reg && wide && t1 === Loc.Reg) kind[i] = K.MovzxRR;
        else if (t0 === Loc.Reg && wide && t1 === Loc.Mem && (flags[i] & IF.Addr32) === 0) kind[i] = K.MovzxLoad;
        break;
      case K.Imul:
        if (dead && w === 32 && t0 === Loc.Reg && t1 === Loc.Reg) kind[i] = K.Imul32NF;
        break;
      case K.Cmov:
        if (t0 === Loc.Reg && t1 === Loc.Reg && wide) kind[i] = K.CmovRR;
        break;
      case K.Push: case K.Pop:
        if (t0 === Loc.Reg && sub[i] === 64) kind[i] = kind[i] === K.Push ? K.PushR : K.PopR;
        break;
      case K.JmpInd: case K.CallInd:
        if (t0 === Loc.Reg && w === 64) kind[i] = kind[i] === K.JmpInd ? K.JmpIndR : K.CallIndR;
        break;
      case K.Setcc:
        if (t0 === Loc.Reg) kind[i] = K.SetccR;
        break;
      case K.Inc: case K.Dec:
        if (dead && t0 === Loc.Reg && wide) {
          sub[i] = kind[i] === K.Inc ? 1 : 0xff; // +1 / -1 (as int8)
          kind[i] = w === 32 ? K.IncDec32NF : K.IncDec64NF;
        }
        break;
    }
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
