// The decoder's public types: the form record of the instruction table, the reusable Decoded
// record filled by decodeFast, the error codes and the enumerations (as `as const` objects, not
// const enums, because files are transpiled one by one).

/** Legacy prefix bits in Decoded.prefixes. */
export const Prefix = {
  LOCK: 0x1,
  REP: 0x2, // F3 (rep / repz)
  REPNE: 0x4, // F2
  OPSIZE: 0x8, // 66
  ADDR: 0x10, // 67
  CS: 0x20,
  DS: 0x40,
  ES: 0x80,
  SS: 0x100,
  FS: 0x200,
  GS: 0x400,
} as const;

/** Which kind of VEX-like escape the instruction used. */
export const VexKind = { None: 0, VEX2: 1, VEX3: 2, XOP: 3, EVEX: 4 } as const;
export type VexKind = (typeof VexKind)[keyof typeof VexKind];

/** Opcode maps. VEX maps are separate from legacy maps because their forms differ. */
export const OpMap = {
  Legacy: 0,
  M0F: 1,
  M0F38: 2,
  M0F3A: 3,
  Now3D: 4, // 0F 0F modrm ... imm8: the opcode is the trailing byte
  Vex0F: 5,
  Vex0F38: 6,
  Vex0F3A: 7,
  Xop8: 8,
  Xop9: 9,
  XopA: 10,
} as const;
export type OpMap = (typeof OpMap)[keyof typeof OpMap];
export const OP_MAP_COUNT = 11;

/** Mandatory prefix of a form (for VEX: the pp field). */
export const MandatoryPrefix = { None: 0, P66: 1, PF3: 2, PF2: 3 } as const;
export type MandatoryPrefix = (typeof MandatoryPrefix)[keyof typeof MandatoryPrefix];

/** ModRM.mod constraint of a form. */
export const ModKind = { Any: 0, Reg: 1, Mem: 2 } as const;
export type ModKind = (typeof ModKind)[keyof typeof ModKind];

/** REX.W / VEX.W / VEX.L constraint of a form: -1 = any, else the required bit. */
export type BitConstraint = -1 | 0 | 1;

/** Control-flow kind of a form. */
export const Flow = {
  None: 0,
  Jmp: 1, // direct near jmp
  Jcc: 2, // direct conditional branch
  Call: 3, // direct near call
  Ret: 4, // near ret
  IndirectJmp: 5,
  IndirectCall: 6,
  Far: 7, // far jmp/call/ret, iret
  Trap: 8, // int/int3/into/ud2/syscall/hlt... (leaves the instruction stream)
  Loop: 9, // loop/loope/loopne/jrcxz (direct, conditional on rcx)
} as const;
export type Flow = (typeof Flow)[keyof typeof Flow];

/** RFLAGS bits (their architectural positions), for the read/written/undefined masks. */
export const Flag = {
  CF: 0x1,
  PF: 0x4,
  AF: 0x10,
  ZF: 0x40,
  SF: 0x80,
  TF: 0x100,
  IF: 0x200,
  DF: 0x400,
  OF: 0x800,
  AC: 0x40000,
} as const;
/** The six arithmetic status flags. */
export const STATUS_FLAGS = 0x8d5;

/** CPUID features that gate a form. */
export const Feature = {
  None: 0, // base x86-64 (8086..SSE2 baseline forms included in X64)
  X87: 1,
  CMOV: 2,
  CX8: 3,
  CX16: 4,
  MMX: 5,
  MMXExt: 6, // AMD extensions to MMX (pshufw etc. are also SSE)
  Now3D: 7,
  Now3DExt: 8,
  SSE: 9,
  SSE2: 10,
  SSE3: 11,
  SSSE3: 12,
  SSE41: 13,
  SSE42: 14,
  SSE4A: 15,
  POPCNT: 16,
  LZCNT: 17,
  MOVBE: 18,
  AVX: 19,
  AVX2: 20,
  FMA: 21,
  FMA4: 22,
  BMI1: 23,
  BMI2: 24,
  F16C: 25,
  AES: 26,
  PCLMUL: 27,
  CLFLUSH: 28,
  FXSR: 29,
  XSAVE: 30,
  TSC: 31, // rdtsc
  RDTSCP: 32,
  LAHF: 33, // lahf/sahf in 64-bit mode
  PREFETCHW: 34,
  TBM: 35,
  XOP: 36,
  SYSTEM: 37, // privileged / system forms (no user CPUID bit)
  RDRAND: 38,
  RDSEED: 39,
  ADX: 40,
  SHA: 41,
  MONITOR: 42,
  CPUID: 43,
} as const;
export type Feature = (typeof Feature)[keyof typeof Feature];

/** Why NaCl x86-64 refuses a form (0 = not forbidden by the table). */
export const Forbidden = {
  None: 0,
  Privileged: 1, // ring-0 only
  Segment: 2, // segment register loads/stores, far transfers
  IO: 3, // in/out/ins/outs
  Trap: 4, // int, syscall, sysenter...: leaves the sandbox
  StringMemory: 5, // string forms outside the nacl superinstructions (validator decides)
  Unsupported: 6, // NaCl does not support it (e.g. EVEX, XOP, TBM, FMA4, ...)
  Nondeterministic: 7, // rdtsc / cpuid ... refused by NaCl
  Obsolete: 8, // forms NaCl's tables mark forbidden for other reasons (bt reg, 16-bit branches...)
  Undefined: 9, // not in NaCl's tables at all
  IndirectBranch: 10, // ret / indirect jmp / call: only inside the nacljmp/naclcall superinstructions
} as const;
export type Forbidden = (typeof Forbidden)[keyof typeof Forbidden];

/** NaCl fact bits in Form.nacl. */
export const NaclFact = {
  ZeroExtends: 0x1, // nacl-amd64-zero-extends
  LockAllowed: 0x2,
  RepAllowed: 0x4, // rep (F3) as a plain prefix
  CondRepAllowed: 0x8, // repz / repnz
  BranchHint: 0x10, // 2E/3E as branch hints
  NoMemoryAccess: 0x20, // lea, nop, prefetch: the memory operand is not accessed
  Allow16: 0x40, // 66 (16-bit operand size) accepted for this form
  NoRexW: 0x80, // REX.W not accepted
} as const;

/** Where an operand lives. */
export const OperandKind = {
  None: 0,
  Reg: 1, // ModRM.reg (+REX.R): register of the operand's register class
  RM: 2, // ModRM.rm: register (mod = 3) or memory
  Mem: 3, // ModRM.rm, memory only
  RmReg: 4, // ModRM.rm, register only
  OpReg: 5, // low 3 bits of the opcode (+REX.B)
  VexV: 6, // VEX.vvvv
  Imm: 7, // immediate (sign/zero extension from the size code)
  Imm2: 8, // second immediate (enter, extrq/insertq)
  Rel: 9, // relative branch target
  Fixed: 10, // implicit fixed register (Operand.reg)
  Moffs: 11, // A0-A3 absolute address
  StrSrc: 12, // [rsi] string source
  StrDst: 13, // [rdi] string destination
  Is4: 14, // register in imm8[7:4]
  One: 15, // constant 1 (shift by one)
  St0: 16, // x87 st(0)
  StI: 17, // x87 st(i) from ModRM.rm
  XlatMem: 18, // [rbx+al]
  ImplicitMem: 19, // implicit stack / memory access without an encoded operand (not shown)
} as const;
export type OperandKind = (typeof OperandKind)[keyof typeof OperandKind];

/** Register class of a register operand. */
export const RegClass = {
  GPR: 0,
  XMM: 1, // XMM or YMM by the operand width
  MMX: 2,
  Seg: 3,
  CR: 4,
  DR: 5,
  ST: 6,
} as const;
export type RegClass = (typeof RegClass)[keyof typeof RegClass];

/** Operand width codes (resolved at decode time into bits). */
export const Width = {
  None: 0,
  B: 1, // 8
  W: 2, // 16
  D: 3, // 32
  Q: 4, // 64
  V: 5, // 16/32/64 by operand size
  Z: 6, // 16 or 32 (32 also with REX.W): immediates of v-sized ops
  Y: 7, // 32 or 64 (REX.W)
  DQ: 8, // 128
  QQ: 9, // 256
  X: 10, // 128 or 256 by VEX.L
  T: 11, // 80 (x87 tbyte)
  Far: 12, // far pointer m16:16/32/64 by operand size
  Env: 13, // fxsave/xsave/fldenv areas: width not meaningful
  D64: 14, // 64, or 16 with 66 (push/pop/near branch default 64)
  VHalf: 15, // 64 or 128 by VEX.L (half of X): cvtps2pd, pmovzx...
  S: 16, // 16/32 word or dword by operand size, no 64 (e.g. movsxd source, sizes capped at 32)
} as const;
export type Width = (typeof Width)[keyof typeof Width];

/** Operand access bits. */
export const Access = { None: 0, R: 1, W: 2, RW: 3, CondW: 6 } as const;
export type Access = (typeof Access)[keyof typeof Access];

/** One operand as the table describes it. */
export interface OperandSpec {
  readonly kind: OperandKind;
  readonly cls: RegClass;
  readonly width: Width;
  readonly access: Access;
  /** For Fixed: register number; for Imm: 1 = sign-extended to the operand size. */
  readonly reg: number;
}

/** One instruction form (one encoding of one operation). */
export interface Form {
  /** Form id (formAt(id) is this record). */
  readonly id: number;
  /** Intel-style lowercase mnemonic (close to iced-x86's Mnemonic names). */
  readonly mnemonic: string;
  /** Semantic operation id, shared by all encodings of one operation. */
  readonly op: number;
  readonly map: OpMap;
  readonly opcode: number;
  readonly prefix: MandatoryPrefix;
  /** ModRM.reg extension (0..7) or -1. */
  readonly regExt: number;
  /** ModRM.rm value required when mod = 3 (x87, 0F 01 forms) or -1. */
  readonly rmExt: number;
  readonly mod: ModKind;
  readonly hasModrm: boolean;
  readonly w: BitConstraint;
  readonly l: BitConstraint;
  readonly operands: readonly OperandSpec[];
  readonly feature: Feature;
  readonly flow: Flow;
  readonly flagsRead: number;
  readonly flagsWritten: number;
  readonly flagsUndefined: number;
  /** NaclFact bits. */
  readonly nacl: number;
  readonly forbidden: Forbidden;
  /** Operand size attributes: 'd64' default 64 (push/pop), 'f64' forced 64 (near branches), '' normal. */
  readonly osz: '' | 'd64' | 'f64' | 'byte';
}

/** Decoder errors (negative return values of decodeFast). */
export const DecodeError = {
  Truncated: -1, // the instruction runs past `end`
  TooLong: -2, // more than 15 bytes
  Undefined: -3, // no such opcode / form
  LockNotAllowed: -4,
  Invalid64: -5, // not valid in 64-bit mode (pusha, aaa, les ... )
  BadVex: -6, // VEX with legacy 66/F2/F3/LOCK/REX prefix, or bad vvvv
  Unsupported: -7, // EVEX / XOP / others: length known, not decoded
  BadModrm: -8, // mod/reg value not allowed for this opcode
} as const;
export type DecodeError = (typeof DecodeError)[keyof typeof DecodeError];

const ERROR_TEXT: Record<number, string> = {
  [DecodeError.Truncated]: 'truncated instruction',
  [DecodeError.TooLong]: 'instruction longer than 15 bytes',
  [DecodeError.Undefined]: 'undefined opcode',
  [DecodeError.LockNotAllowed]: 'lock prefix not allowed',
  [DecodeError.Invalid64]: 'instruction not valid in 64-bit mode',
  [DecodeError.BadVex]: 'invalid VEX prefix use',
  [DecodeError.Unsupported]: 'unsupported encoding (EVEX/XOP/...)',
  [DecodeError.BadModrm]: 'ModRM form not allowed for this opcode',
};

export function decodeErrorMessage(code: number): string {
  return ERROR_TEXT[code] ?? `decode error ${code}`;
}

/** Special memBase value meaning RIP-relative. */
export const RIP = 16;

/**
 * The reusable result of decodeFast: plain number/boolean fields only. On error, `length` holds
 * the length when it is known (e.g. EVEX) and 0 otherwise.
 */
export class Decoded {
  length = 0;
  /** Form id (see formAt), -1 on error. */
  form = -1;
  op = 0;
  prefixes = 0;
  prefixCount = 0;
  /** A legacy prefix byte occurred more than once. */
  prefixRepeated = false;
  /** Last segment override byte (0x26/0x2e/0x36/0x3e/0x64/0x65) or 0 (also branch hints / notrack). */
  segment = 0;
  /** The segment override in effect in 64-bit mode: the last FS/GS prefix byte (0x64/0x65) or 0. */
  segmentFsGs = 0;
  /** The last of F2/F3 when both were given (0xf2, 0xf3 or 0). */
  lastRep = 0;
  /** 0 or the effective REX byte 0x40..0x4f. */
  rex = 0;
  /** A REX byte was followed by another prefix (then ignored) or repeated. */
  rexMisplaced = false;
  vex: VexKind = VexKind.None;
  vexL = 0;
  vexW = 0;
  /** VEX.vvvv, already inverted (0..15). */
  vexV = 0;
  map: OpMap = OpMap.Legacy;
  /** Mandatory prefix in effect for the form (legacy 66/F3/F2 or VEX.pp). */
  mandatory: MandatoryPrefix = MandatoryPrefix.None;
  opcode = 0;
  /** ModRM byte or -1. */
  modrm = -1;
  /** ModRM.reg with REX.R (0..15). */
  reg = 0;
  /** ModRM.rm with REX.B (0..15) when mod = 3; for memory forms the raw rm with REX.B. */
  rm = 0;
  hasMem = false;
  /** 0..15, RIP (16), or -1. */
  memBase = -1;
  memIndex = -1;
  memScale = 1;
  disp = 0;
  dispSize = 0;
  /** The immediate as an int32 (the low half of an imm64); sign-extended for signed forms, else
   * zero-extended from its size (use `imm >>> 0` for an unsigned 32-bit value). */
  imm = 0;
  /** High 32 bits of imm64, or the sign word (0 / -1) of a sign-extended immediate. */
  immHi = 0;
  imm2 = 0;
  immSize = 0;
  /** Branch displacement: target = pos + length + rel. */
  rel = 0;
  /** Operand size in bits (8/16/32/64/128/256). */
  opSize = 32;
  /** Address size in bits (32 or 64). */
  addrSize = 64;
}

/** A register operand in a full decode. */
export interface RegOperand {
  readonly type: 'reg';
  readonly cls: RegClass;
  /** 0..15 (for byte registers without REX, 4..7 are ah/ch/dh/bh: see `highByte`). */
  readonly reg: number;
  readonly bits: number;
  readonly highByte: boolean;
  readonly access: Access;
}
export interface MemOperand {
  readonly type: 'mem';
  /** 0..15, RIP, or -1. */
  readonly base: number;
  readonly index: number;
  readonly scale: number;
  readonly disp: number;
  /** Segment override byte or 0. */
  readonly segment: number;
  readonly bits: number;
  readonly addrSize: number;
  readonly access: Access;
  /** Only address computation (lea) or a hint (nop, prefetch). */
  readonly noAccess: boolean;
  /** The full 64-bit absolute address of a moffs operand (disp may be inexact above 2^53). */
  readonly moffs?: bigint;
}
export interface ImmOperand {
  readonly type: 'imm';
  /** The value as a BigInt after extension to the operand width (two's complement, unsigned). */
  readonly value: bigint;
  readonly bits: number;
}
export interface RelOperand {
  readonly type: 'rel';
  readonly rel: number;
  /** pos + length + rel, as a plain number (offsets within a code buffer). */
  readonly target: number;
}
export type Operand = RegOperand | MemOperand | ImmOperand | RelOperand;

/** A register with the width accessed. */
export interface RegUse {
  readonly reg: number;
  readonly bits: number;
  readonly highByte: boolean;
}

export interface FullDecode {
  readonly ok: true;
  readonly pos: number;
  readonly length: number;
  readonly bytes: Uint8Array;
  readonly form: Form;
  readonly mnemonic: string;
  readonly op: number;
  readonly d: Decoded;
  readonly operands: readonly Operand[];
  readonly opSize: number;
  readonly addrSize: number;
  readonly gprRead: readonly RegUse[];
  readonly gprWritten: readonly RegUse[];
  readonly feature: Feature;
  readonly flow: Flow;
  readonly flagsRead: number;
  readonly flagsWritten: number;
  readonly flagsUndefined: number;
}
export interface FailedDecode {
  readonly ok: false;
  readonly pos: number;
  readonly error: DecodeError;
  /** Length when known (> 0), else 0. */
  readonly length: number;
  readonly reason: string;
}
export type DecodeResult = FullDecode | FailedDecode;

/**
 * Reusable list of GPRs with widths (allocation-free effect queries). `count` entries are valid.
 */
export class GprList {
  count = 0;
  readonly reg = new Int8Array(8);
  readonly bits = new Uint16Array(8);
  readonly highByte = new Uint8Array(8);
}
