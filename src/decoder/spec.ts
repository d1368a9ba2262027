// Parser for the compact, hand-written instruction spec lines (table-*.ts) into Form records.
//
// A spec line:  `mnemonic operands | encoding | attributes`
//  operands   comma-separated, Intel order (destination first); each an optional access mark
//             (`!` written, `&` read-written, `=` read, `'` not accessed) and a code such as
//             Eb Gv Iz Ibs Jz Mq Vx Wx Hx Ux Pq Qq Nq By Zv rAX AL CL DX Xb Yv Ov Sw Cq Dq 1 ST STi Lx.
//  encoding   [NP|66|F3|F2] [0F|0F38|0F3A|3DN] opcode[+r] [/r|/0../7|C0..FF (fixed ModRM)] [mem|reg]
//             [W0|W1] [o16|o32|o64] [a32] [nob (REX.B must be 0)] [nrep (no F2/F3)] [modreg (mod
//             ignored: mov CR/DR)]; VEX forms start with V.<pp>.<map>[.W0|.W1][.L0|.L1|.LIG].
//             Without NP/66/F3/F2 a legacy form ignores those prefixes when forms are selected.
//  attributes R (destination only read), W (destination only written), lock (LOCK allowed by the CPU
//             and NaCl), xlock (CPU only), rep, repcc, hint, zx, nomem, no16, a16, norexw, d64, f64,
//             fr= fw= fu= (flags: o s z a p c d i t x), ir= iw= (implicit GPRs, e.g. A.v,D.v), feat=NAME,
//             flow=KIND, nacl=REASON (priv seg io trap str unsup nondet obs undef ibr), op=NAME.
import {
  Access, Feature, Flag, Flow, Forbidden, MandatoryPrefix, ModKind, NaclFact, OperandKind, OpMap,
  RegClass, Width, type BitConstraint, type Form, type OperandSpec,
} from './types.ts';

/** Mandatory prefix matching in the decoder: Any = the form ignores 66/F2/F3 for selection. */
export const PREFIX_ANY = 4;
/** Mandatory prefix matching: no F2/F3 (66 allowed, as an operand-size prefix). */
export const PREFIX_NO_REP = 5;

/** An implicit GPR access: register number and width code. */
export interface ImplicitGpr {
  readonly reg: number;
  readonly width: number;
}

/** Internal extras of a parsed form (beyond the public Form record). */
export interface FormExtra {
  /** MandatoryPrefix or PREFIX_ANY. */
  readonly prefixMatch: number;
  /** Required effective operand size (16/32/64) or 0. */
  readonly opSizeReq: number;
  /** Required address size (32) or 0. */
  readonly addrSizeReq: number;
  readonly implicitRead: readonly ImplicitGpr[];
  readonly implicitWrite: readonly ImplicitGpr[];
  /** LOCK is architecturally allowed (memory destination forms). */
  readonly lockable: boolean;
  /** The form requires REX.B = 0 (90 nop / pause vs xchg r8). */
  readonly noRexB: boolean;
  /** ModRM.mod is ignored and r/m is always a register (mov to/from CR/DR). */
  readonly modIgnored: boolean;
}

const WIDTHS: Record<string, number> = {
  b: Width.B, w: Width.W, d: Width.D, q: Width.Q, v: Width.V, z: Width.Z, y: Width.Y, dq: Width.DQ,
  qq: Width.QQ, x: Width.X, t: Width.T, p: Width.Far, e: Width.Env, h: Width.VHalf, ss: Width.D,
  sd: Width.Q, ps: Width.X, pd: Width.X, s: Width.S, '': Width.None,
};

const FIXED_REGS: Record<string, [number, number, number]> = {
  // name: [reg, class, width]
  AL: [0, RegClass.GPR, Width.B], CL: [1, RegClass.GPR, Width.B], AX: [0, RegClass.GPR, Width.W],
  DX: [2, RegClass.GPR, Width.W], EAX: [0, RegClass.GPR, Width.D], rAX: [0, RegClass.GPR, Width.V],
  rCX: [1, RegClass.GPR, Width.V], rDX: [2, RegClass.GPR, Width.V], RAX: [0, RegClass.GPR, Width.Q],
  eAX: [0, RegClass.GPR, Width.Z], ECX: [1, RegClass.GPR, Width.D], EDX: [2, RegClass.GPR, Width.D],
  XMM0: [0, RegClass.XMM, Width.DQ], ES: [0, RegClass.Seg, Width.W], CS: [1, RegClass.Seg, Width.W],
  SS: [2, RegClass.Seg, Width.W], DS: [3, RegClass.Seg, Width.W], FS: [4, RegClass.Seg, Width.W],
  GS: [5, RegClass.Seg, Width.W],
};

const FLAG_LETTERS: Record<string, number> = {
  o: Flag.OF, s: Flag.SF, z: Flag.ZF, a: Flag.AF, p: Flag.PF, c: Flag.CF, d: Flag.DF, i: Flag.IF,
  t: Flag.TF, x: Flag.AC,
};

const FLOWS: Record<string, Flow> = {
  jmp: Flow.Jmp, jcc: Flow.Jcc, call: Flow.Call, ret: Flow.Ret, ijmp: Flow.IndirectJmp,
  icall: Flow.IndirectCall, far: Flow.Far, trap: Flow.Trap, loop: Flow.Loop,
};

const FORBIDDEN: Record<string, Forbidden> = {
  priv: Forbidden.Privileged, seg: Forbidden.Segment, io: Forbidden.IO, trap: Forbidden.Trap,
  str: Forbidden.StringMemory, unsup: Forbidden.Unsupported, nondet: Forbidden.Nondeterministic,
  obs: Forbidden.Obsolete, undef: Forbidden.Undefined, ibr: Forbidden.IndirectBranch,
};

const IMPLICIT_REGS: Record<string, number> = { A: 0, C: 1, D: 2, B: 3, SP: 4, BP: 5, SI: 6, DI: 7, R11: 11 };

function op(kind: number, cls: number, width: number, access: number, reg = 0): OperandSpec {
  return { kind, cls, width, access, reg } as OperandSpec;
}

/** Parses one operand code (without its access mark). */
function parseOperand(code: string, access: number): OperandSpec {
  const fixed = FIXED_REGS[code];
  if (fixed) return op(OperandKind.Fixed, fixed[1], fixed[2], access, fixed[0]);
  if (code === '1') return op(OperandKind.One, RegClass.GPR, Width.B, Access.R);
  if (code === 'ST') return op(OperandKind.St0, RegClass.ST, Width.T, access);
  if (code === 'STi') return op(OperandKind.StI, RegClass.ST, Width.T, access);
  if (code === 'XLAT') return op(OperandKind.XlatMem, RegClass.GPR, Width.B, Access.R);
  if (code === 'Ibs') return op(OperandKind.Imm, RegClass.GPR, Width.B, Access.R, 1);
  if (code === 'Izs') return op(OperandKind.Imm, RegClass.GPR, Width.Z, Access.R, 1);
  if (code === 'Ib2') return op(OperandKind.Imm2, RegClass.GPR, Width.B, Access.R);
  const letter = code[0];
  const w = WIDTHS[code.slice(1)];
  if (w === undefined) throw new Error(`spec: bad operand width in ${code}`);
  switch (letter) {
    case 'E': return op(OperandKind.RM, RegClass.GPR, w, access);
    case 'G': return op(OperandKind.Reg, RegClass.GPR, w, access);
    case 'R': return op(OperandKind.RmReg, RegClass.GPR, w, access);
    case 'M': return op(OperandKind.Mem, RegClass.GPR, w, access);
    case 'Z': return op(OperandKind.OpReg, RegClass.GPR, w, access);
    case 'B': return op(OperandKind.VexV, RegClass.GPR, w, access);
    case 'I': return op(OperandKind.Imm, RegClass.GPR, w, Access.R);
    case 'J': return op(OperandKind.Rel, RegClass.GPR, w, Access.R);
    case 'O': return op(OperandKind.Moffs, RegClass.GPR, w, access);
    case 'X': return op(OperandKind.StrSrc, RegClass.GPR, w, access);
    case 'Y': return op(OperandKind.StrDst, RegClass.GPR, w, access);
    case 'V': return op(OperandKind.Reg, RegClass.XMM, w, access);
    case 'W': return op(OperandKind.RM, RegClass.XMM, w, access);
    case 'U': return op(OperandKind.RmReg, RegClass.XMM, w, access);
    case 'H': return op(OperandKind.VexV, RegClass.XMM, w, access);
    case 'L': return op(OperandKind.Is4, RegClass.XMM, w, access);
    case 'P': return op(OperandKind.Reg, RegClass.MMX, w, access);
    case 'Q': return op(OperandKind.RM, RegClass.MMX, w, access);
    case 'N': return op(OperandKind.RmReg, RegClass.MMX, w, access);
    case 'S': return op(OperandKind.Reg, RegClass.Seg, w, access);
    case 'C': return op(OperandKind.Reg, RegClass.CR, w, access);
    case 'D': return op(OperandKind.Reg, RegClass.DR, w, access);
    case 'T': return op(OperandKind.RmReg, RegClass.GPR, w, access); // GPR in r/m of mov cr/dr
    default: throw new Error(`spec: bad operand ${code}`);
  }
}

const MARKS: Record<string, number> = { '!': Access.W, '&': Access.RW, '=': Access.R, "'": Access.None };

function flagMask(letters: string): number {
  let m = 0;
  for (const ch of letters) {
    const f = FLAG_LETTERS[ch];
    if (f === undefined) throw new Error(`spec: bad flag ${ch}`);
    m |= f;
  }
  return m;
}

function parseImplicit(list: string): ImplicitGpr[] {
  return list.split(',').map((item) => {
    const [name, wname] = item.split('.');
    const reg = IMPLICIT_REGS[name];
    const width = WIDTHS[wname ?? 'q'];
    if (reg === undefined || width === undefined) throw new Error(`spec: bad implicit register ${item}`);
    return { reg, width };
  });
}

const PP: Record<string, number> = { NP: MandatoryPrefix.None, '66': MandatoryPrefix.P66, F3: MandatoryPrefix.PF3, F2: MandatoryPrefix.PF2 };
const VEX_MAPS: Record<string, number> = { '0F': OpMap.Vex0F, '0F38': OpMap.Vex0F38, '0F3A': OpMap.Vex0F3A };

export interface ParsedForm {
  readonly form: Form;
  readonly extra: FormExtra;
}

/** Parses one spec line; `opIdOf` assigns semantic op ids by name. */
export function parseSpecLine(line: string, id: number, opIdOf: (name: string) => number): ParsedForm {
  const parts = line.split('|').map((s) => s.trim());
  if (parts.length < 2) throw new Error(`spec: missing encoding: ${line}`);
  const head = parts[0];
  const sp = head.indexOf(' ');
  const mnemonic = sp < 0 ? head : head.slice(0, sp);
  const opText = sp < 0 ? '' : head.slice(sp + 1).trim();
  const attrs = (parts[2] ?? '').split(/\s+/).filter((s) => s.length > 0);
  const attrSet = new Set(attrs);

  // Encoding.
  let map: number = OpMap.Legacy;
  let prefix: number = MandatoryPrefix.None;
  let prefixMatch = PREFIX_ANY;
  let opcode = -1;
  let regExt = -1;
  let rmExt = -1;
  let mod: number = ModKind.Any;
  let hasModrm = false;
  let w: BitConstraint = -1;
  let l: BitConstraint = -1;
  let opSizeReq = 0;
  let opReg = false;
  let noRexB = false;
  let addrSizeReq = 0;
  let modIgnored = false;
  for (const tok of parts[1].split(/\s+/)) {
    if (tok.startsWith('V.')) {
      const f = tok.split('.');
      prefix = PP[f[1]];
      prefixMatch = prefix;
      map = VEX_MAPS[f[2]];
      if (prefix === undefined || map === undefined) throw new Error(`spec: bad VEX ${tok}`);
      for (const x of f.slice(3)) {
        if (x === 'W0') w = 0;
        else if (x === 'W1') w = 1;
        else if (x === 'L0' || x === 'LZ') l = 0;
        else if (x === 'L1') l = 1;
        else if (x !== 'LIG' && x !== 'WIG') throw new Error(`spec: bad VEX field ${x}`);
      }
    } else if (tok in PP && opcode < 0 && map === OpMap.Legacy) {
      prefix = PP[tok];
      prefixMatch = prefix;
    } else if (tok === '0F' && opcode < 0 && map === OpMap.Legacy) map = OpMap.M0F;
    else if (tok === '0F38' && opcode < 0) map = OpMap.M0F38;
    else if (tok === '0F3A' && opcode < 0) map = OpMap.M0F3A;
    else if (tok === '3DN') { map = OpMap.Now3D; hasModrm = true; }
    else if (tok === '/r') hasModrm = true;
    else if (/^\/[0-7]$/.test(tok)) { hasModrm = true; regExt = Number(tok[1]); }
    else if (tok === 'mem') mod = ModKind.Mem;
    else if (tok === 'nob') noRexB = true;
    else if (tok === 'nrep') prefixMatch = PREFIX_NO_REP;
    else if (tok === 'a32') addrSizeReq = 32;
    else if (tok === 'modreg') modIgnored = true;
    else if (tok === 'reg') mod = ModKind.Reg;
    else if (tok === 'W0') w = 0;
    else if (tok === 'W1') w = 1;
    else if (tok === 'o16') opSizeReq = 16;
    else if (tok === 'o32') opSizeReq = 32;
    else if (tok === 'o64') opSizeReq = 64;
    else if (/^[0-9A-F]{2}\+r$/.test(tok)) { opcode = parseInt(tok.slice(0, 2), 16); opReg = true; }
    else if (/^[0-9A-F]{2}$/.test(tok)) {
      const b = parseInt(tok, 16);
      if (opcode < 0) opcode = b;
      else {
        // A second byte after the opcode is a fixed ModRM (mod = 3).
        hasModrm = true;
        mod = ModKind.Reg;
        regExt = (b >> 3) & 7;
        rmExt = b & 7;
      }
    } else throw new Error(`spec: bad encoding token ${tok} in ${line}`);
  }
  if (opcode < 0) throw new Error(`spec: no opcode in ${line}`);

  // Operands.
  const codes = opText.length > 0 ? opText.split(',').map((s) => s.trim()) : [];
  const destDefault = attrSet.has('R') ? Access.R : attrSet.has('W') ? Access.W : Access.RW;
  const operands: OperandSpec[] = codes.map((c, i) => {
    const mark = MARKS[c[0]];
    const code = mark === undefined ? c : c.slice(1);
    const access = mark ?? (i === 0 ? destDefault : Access.R);
    const spec = parseOperand(code, access);
    if (spec.kind === OperandKind.RM || spec.kind === OperandKind.Reg || spec.kind === OperandKind.Mem ||
        spec.kind === OperandKind.RmReg || spec.kind === OperandKind.StI) hasModrm = true;
    return spec;
  });
  // Memory-only and register-only operands constrain ModRM.mod.
  if (mod === ModKind.Any && !modIgnored) {
    if (operands.some((o) => o.kind === OperandKind.Mem)) mod = ModKind.Mem;
    else if (operands.some((o) => o.kind === OperandKind.RmReg) && !operands.some((o) => o.kind === OperandKind.RM)) mod = ModKind.Reg;
  }
  if (opReg && !operands.some((o) => o.kind === OperandKind.OpReg)) {
    throw new Error(`spec: +r without a Z operand: ${line}`);
  }

  let osz: Form['osz'] = '';
  let feature: Feature = Feature.None;
  let flow: Flow = Flow.None;
  let flagsRead = 0;
  let flagsWritten = 0;
  let flagsUndefined = 0;
  let forbidden: Forbidden = Forbidden.None;
  let opName = mnemonic;
  let implicitRead: ImplicitGpr[] = [];
  let implicitWrite: ImplicitGpr[] = [];
  let nacl = 0;
  for (const a of attrs) {
    const eq = a.indexOf('=');
    const key = eq < 0 ? a : a.slice(0, eq);
    const val = eq < 0 ? '' : a.slice(eq + 1);
    switch (key) {
      case 'R': case 'W': case 'no16': break;
      case 'lock': nacl |= NaclFact.LockAllowed; break;
      case 'xlock': break; // architecturally lockable, LOCK refused by NaCl
      case 'rep': nacl |= NaclFact.RepAllowed; break;
      case 'repcc': nacl |= NaclFact.CondRepAllowed; break;
      case 'hint': nacl |= NaclFact.BranchHint; break;
      case 'zx': nacl |= NaclFact.ZeroExtends; break;
      case 'nomem': nacl |= NaclFact.NoMemoryAccess; break;
      case 'norexw': nacl |= NaclFact.NoRexW; break;
      case 'a16': nacl |= NaclFact.Allow16; break;
      case 'd64': osz = 'd64'; break;
      case 'f64': osz = 'f64'; break;
      case 'fr': flagsRead |= flagMask(val); break;
      case 'fw': flagsWritten |= flagMask(val); break;
      case 'fu': flagsUndefined |= flagMask(val); flagsWritten |= flagMask(val); break;
      case 'ir': implicitRead = parseImplicit(val); break;
      case 'iw': implicitWrite = parseImplicit(val); break;
      case 'feat': {
        const f = (Feature as Record<string, number>)[val];
        if (f === undefined) throw new Error(`spec: bad feature ${val}`);
        feature = f as Feature;
        break;
      }
      case 'flow': {
        const f = FLOWS[val];
        if (f === undefined) throw new Error(`spec: bad flow ${val}`);
        flow = f;
        break;
      }
      case 'nacl': {
        const f = FORBIDDEN[val];
        if (f === undefined) throw new Error(`spec: bad nacl reason ${val}`);
        forbidden = f;
        break;
      }
      case 'op': opName = val; break;
      default: throw new Error(`spec: bad attribute ${a} in ${line}`);
    }
  }
  // 16-bit operand size is accepted by NaCl for v-sized GPR forms unless the line says no16.
  const vSized = operands.some((o) => o.cls === RegClass.GPR && (o.width === Width.V || o.width === Width.Z) &&
    o.kind !== OperandKind.Imm && o.kind !== OperandKind.Rel);
  if (vSized && !attrSet.has('no16') && osz === '') nacl |= NaclFact.Allow16;
  // Byte forms: the first non-immediate operand is a byte GPR (or byte string/moffs memory).
  const main = operands.find((o) => o.kind !== OperandKind.Imm && o.kind !== OperandKind.One);
  if (osz === '' && main !== undefined && main.cls === RegClass.GPR && main.width === Width.B &&
      main.kind !== OperandKind.Mem) osz = 'byte';
  const lockable = (nacl & NaclFact.LockAllowed) !== 0 || attrSet.has('xlock');
  const form: Form = {
    id, mnemonic, op: opIdOf(opName), map: map as OpMap, opcode, prefix: prefix as MandatoryPrefix, regExt,
    rmExt, mod: mod as ModKind, hasModrm, w, l, operands, feature, flow, flagsRead, flagsWritten,
    flagsUndefined, nacl, forbidden, osz,
  };
  return { form, extra: { prefixMatch, opSizeReq, addrSizeReq, implicitRead, implicitWrite, lockable, noRexB, modIgnored } };
}
