// Interpreter handler kinds, and the map from the decoder table's semantic `op` to them. The one
// instruction table (src/decoder) feeds dispatch: every op resolves to a kind by its mnemonic.
import { Flow, OPS, OperandKind, type Form } from '../decoder/index.ts';
import { isSimdForm } from '../simd/exec.ts';

export const K = {
  Invalid: 0, Nop: 1, Mov: 2, Movzx: 3, Movsx: 4, Lea: 5, Alu: 6, Inc: 7, Dec: 8, Neg: 9, Not: 10,
  Shift: 11, Shld: 12, Shrd: 13, MulAcc: 14, ImulAcc: 15, Imul: 16, Div: 17, Idiv: 18, Bt: 19,
  Bsf: 20, Bsr: 21, Popcnt: 22, Lzcnt: 23, Tzcnt: 24, Bswap: 25, Cmov: 26, Setcc: 27, Xchg: 28,
  Xadd: 29, Cmpxchg: 30, Cmpxchg8b: 31, Cmpxchg16b: 32, ConvA: 33, ConvD: 34, Push: 35, Pop: 36,
  Jmp: 37, Jcc: 38, Call: 39, Ret: 40, JmpInd: 41, CallInd: 42, Loop: 43, Movs: 44, Cmps: 45,
  Stos: 46, Lods: 47, Scas: 48, Lahf: 49, Sahf: 50, Clc: 51, Stc: 52, Cmc: 53, Cld: 54, Std: 55,
  Cpuid: 56, Rdtsc: 57, Hlt: 58, Ud: 59, Movbe: 60, Crc32: 61,
  // Specialized hot forms chosen at predecode (register/immediate operands, 32/64 bits; NF = the
  // flags they write are dead, so no flag state is recorded).
  Alu32RR: 62, Alu32RI: 63, Alu64RR: 64, Alu64RI: 65, Alu64RRNF: 68, Alu64RINF: 69,
  Mov32RR: 70, Mov64RR: 71, Mov32RI: 72, Mov64RI: 73, Load32: 74, Load64: 75, Store32: 76, Store64: 77,
  Lea64: 78, Lea32: 79, IncDec32NF: 80, IncDec64NF: 81,
  // Fused flag-producer + jcc (the flags are dead after the jcc): one dispatch, no flag state.
  AluJcc32: 82, AluJcc64: 83, IncDecJcc32: 84, IncDecJcc64: 85,
  // 32-bit flag-dead ALU ops by operation (no inner dispatch).
  Add32RRNF: 86, Add32RINF: 87, Sub32RRNF: 88, Sub32RINF: 89, And32RRNF: 90, And32RINF: 91,
  Or32RRNF: 92, Or32RINF: 93, Xor32RRNF: 94, Xor32RINF: 95,
  // shl/shr/sar/rol/ror of a register by an immediate or CL with dead flags; imul into a 32-bit
  // register with dead flags; register cmovcc and setcc.
  ShiftNF32: 96, ShiftNF64: 97, Imul32NF: 98, CmovRR: 99, SetccR: 100,
  // 64-bit register push/pop, and indirect jmp/call through a register.
  PushR: 101, PopR: 102, JmpIndR: 103, CallIndR: 104,
  // The NaCl superinstructions `and $-32, %eX; add %r15, %rX; jmp|call *%rX` as one handler.
  NaclJmp: 105, NaclCall: 106,
  // AluJcc32/64 whose flags stay live after the jcc: one dispatch, the flags still recorded.
  AluJcc32L: 107, AluJcc64L: 108,
  // MMX/SSE..SSE4.2/x87/fxsave forms: executed by src/simd (execSimd) with the record's form id.
  Simd: 109,
  // Any shift/rotate of a 32/64-bit register by an immediate or CL whose flags stay live.
  ShiftR32: 110, ShiftR64: 111,
  // not of a 32/64-bit register.
  NotR: 112,
  // movzx of a byte/word from memory (no 67 prefix) or a register into a 32/64-bit register; 32-bit
  // ALU ops between a register and memory (no 67 prefix), either direction.
  MovzxLoad: 113, MovzxRR: 114, AluRM32: 115, AluMR32: 116,
} as const;

/** Kinds that are specializations (not produced from the table directly). */
export const FIRST_SPECIAL_KIND = 62;

const CC = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
const ALU = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp', 'test'];
const SHIFTS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sal', 'sar'];
const BT = ['bt', 'bts', 'btr', 'btc'];
const LOOPS = ['loopne', 'loope', 'loop', 'jrcxz'];
const LOOP_ALIASES: Record<string, number> = { jecxz: 3 }; // jrcxz with 67: the address size picks ecx

const SIMPLE: Record<string, number> = {
  nop: K.Nop, pause: K.Nop, lfence: K.Nop, mfence: K.Nop, sfence: K.Nop, prefetchnta: K.Nop,
  prefetcht0: K.Nop, prefetcht1: K.Nop, prefetcht2: K.Nop, prefetch: K.Nop, prefetchw: K.Nop,
  mov: K.Mov, movnti: K.Mov, movzx: K.Movzx, movsx: K.Movsx, movsxd: K.Movsx, lea: K.Lea,
  inc: K.Inc, dec: K.Dec, neg: K.Neg, not: K.Not, shld: K.Shld, shrd: K.Shrd, mul: K.MulAcc,
  div: K.Div, idiv: K.Idiv, bsf: K.Bsf, bsr: K.Bsr, popcnt: K.Popcnt, lzcnt: K.Lzcnt,
  tzcnt: K.Tzcnt, bswap: K.Bswap, xchg: K.Xchg, xadd: K.Xadd, cmpxchg: K.Cmpxchg,
  cmpxchg8b: K.Cmpxchg8b, cmpxchg16b: K.Cmpxchg16b, cbw: K.ConvA, cwde: K.ConvA, cdqe: K.ConvA,
  cwd: K.ConvD, cdq: K.ConvD, cqo: K.ConvD, push: K.Push, pop: K.Pop, call: K.Call, ret: K.Ret,
  lahf: K.Lahf, sahf: K.Sahf, clc: K.Clc, stc: K.Stc, cmc: K.Cmc, cld: K.Cld, std: K.Std,
  cpuid: K.Cpuid, rdtsc: K.Rdtsc, hlt: K.Hlt, ud2: K.Ud, movbe: K.Movbe, crc32: K.Crc32,
};

/** Kind and sub-operation (ALU op, condition code, shift op...) of a mnemonic. */
export function kindOfMnemonic(m: string): { kind: number; sub: number } {
  if (m in SIMPLE) return { kind: SIMPLE[m], sub: 0 };
  let x = ALU.indexOf(m);
  if (x >= 0) return { kind: K.Alu, sub: x };
  x = SHIFTS.indexOf(m);
  if (x >= 0) return { kind: K.Shift, sub: x };
  x = BT.indexOf(m);
  if (x >= 0) return { kind: K.Bt, sub: x };
  x = LOOPS.indexOf(m);
  if (x >= 0) return { kind: K.Loop, sub: x };
  if (m in LOOP_ALIASES) return { kind: K.Loop, sub: LOOP_ALIASES[m] };
  if (m === 'jmp') return { kind: K.Jmp, sub: 0 };
  if (m === 'imul') return { kind: K.Imul, sub: 0 };
  for (const [prefix, kind] of CC_PREFIXES) {
    if (m.startsWith(prefix)) {
      x = CC.indexOf(m.slice(prefix.length));
      if (x >= 0) return { kind, sub: x };
    }
  }
  const str = STRING_OP.exec(m);
  if (str) return { kind: STRING_KINDS[str[1]!]!, sub: STRING_SIZES[str[2]!]! };
  return { kind: K.Invalid, sub: 0 };
}

const CC_PREFIXES = [['j', K.Jcc], ['cmov', K.Cmov], ['set', K.Setcc]] as const;
const STRING_OP = /^(movs|cmps|stos|lods|scas)([bwdq])$/;
const STRING_KINDS: Record<string, number> = { movs: K.Movs, cmps: K.Cmps, stos: K.Stos, lods: K.Lods, scas: K.Scas };
const STRING_SIZES: Record<string, number> = { b: 8, w: 16, d: 32, q: 64 };

/**
 * Per semantic op (Form.op): handler kind and sub-op, filled in on the first form of the op seen
 * (every form of an op has its mnemonic); UNKNOWN until then. Lazily, because deriving all ~1 000
 * at load cost ~4 ms of a process's start-up. imul, jmp and call forms of one op are told apart at
 * predecode by their operands and flow kind.
 */
const UNKNOWN = 255;
const OP_KIND_SEEN = new Uint8Array(OPS.length).fill(UNKNOWN);
const OP_SUB_SEEN = new Uint8Array(OPS.length);

function learnOp(f: Form): void {
  const { kind, sub } = kindOfMnemonic(f.mnemonic);
  OP_KIND_SEEN[f.op] = kind;
  OP_SUB_SEEN[f.op] = sub;
}

/** Handler kind of a form's op (before the per-form refinements of formKind). */
export function opKind(f: Form): number {
  if (OP_KIND_SEEN[f.op] === UNKNOWN) learnOp(f);
  return OP_KIND_SEEN[f.op]!;
}

/** Sub-operation of a form's op (ALU op, condition code, shift op...). */
export function opSub(f: Form): number {
  if (OP_KIND_SEEN[f.op] === UNKNOWN) learnOp(f);
  return OP_SUB_SEEN[f.op]!;
}

/** Handler kind of a form: its op's kind, refined where forms of one op differ in shape. */
export function formKind(f: Form): number {
  if (isSimdForm(f.id)) return K.Simd;
  let kind = opKind(f);
  if (kind === K.Imul && f.operands.length === 1) kind = K.ImulAcc;
  if (f.flow === Flow.IndirectJmp) kind = K.JmpInd;
  else if (f.flow === Flow.IndirectCall) kind = K.CallInd;
  else if (f.flow === Flow.Far) kind = K.Invalid;
  if (kind === K.Jmp && f.flow !== Flow.Jmp) kind = K.Invalid;
  return kind;
}

/** True when a form's operand must be memory (mod = 3 encodings of it are #UD). */
export function memoryOnly(f: Form): boolean {
  return f.operands.some((o) => o.kind === OperandKind.Mem);
}

/** True when the interpreter executes this form (for the validator: the implemented profile, exactly). */
export function interpreterRuns(f: Form): boolean {
  const kind = formKind(f);
  return kind === K.Simd || (kind !== K.Invalid && f.operands.every((o) => o.cls === 0 /* GPR */));
}
