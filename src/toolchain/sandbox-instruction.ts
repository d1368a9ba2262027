// Rewrites one gcc -mx32 instruction into NaCl-sandboxed form (see
// design/nacl-validator-rules.md). The result is a list of statements; when it
// has more than one, the caller bundle-locks them so the validator sees the
// restricting write and its use in one bundle.
//
// Conventions of the code we get (gcc -mx32 -maddress-mode=long -ffixed-r11
// -ffixed-r15 -fno-omit-frame-pointer): pointers are 32-bit sandbox offsets, %r11
// is free scratch, %r15 is never touched, %rbp is only the frame pointer.
import {
  formatInstruction, type ExprOperand, type Instruction, type MemOperand, type Operand, type RegOperand,
} from './att-syntax.ts';
import { nopLines } from './nop-bytes.ts';
import { gpr, name32, name64, R11, R15, RBP, RSP, SEGMENT_REGISTERS } from './registers.ts';

/** Thrown (as a plain reason) for instructions that cannot be sandboxed. */
export class Unsandboxable extends Error {}

const FORBIDDEN: ReadonlyMap<RegExp, string> = new Map([
  [/^(syscall|sysenter|sysexit|sysret[lq]?)$/, 'system calls must go through the NaCl trampolines (0x10000 + 32*n)'],
  [/^(int|int1|int3|into|iret[wlqd]?)$/, 'software interrupts are not allowed in NaCl code'],
  [/^(in|out)[bwl]?$|^(ins|outs)[bwld]?$/, 'port I/O is not allowed in NaCl code'],
  [/^enter[wlq]?$/, "'enter' is forbidden by the NaCl validator"],
  [/^xlatb?$/, "'xlat' is forbidden by the NaCl validator"],
  [/^(pushf|popf)[wlqd]?$/, 'pushf/popf are forbidden by the NaCl validator'],
  [/^(lret|ljmp|lcall)[wlq]?$/, 'far control transfers are not allowed in NaCl code'],
  [/^(rdtsc|rdtscp|rdrand|rdseed|rdpid)$/, 'nondeterministic instructions are not allowed (ZeroVM rejects rdtsc)'],
  [/^(cli|sti|lgdt|lidt|lldt|ltr|sgdt|sidt|sldt|str|smsw|lmsw|clts|invd|wbinvd|invlpg|rdmsr|wrmsr|rdpmc|rsm|swapgs|lar|lsl|verr|verw)$/,
    'privileged instructions are not allowed'],
  [/^(xgetbv|xsetbv|fxsave|fxrstor|xsave\w*|xrstor\w*|monitor|mwait|clflush\w*)$/, 'forbidden by the NaCl validator'],
  [/^(lds|les|lfs|lgs|lss)[wlq]?$/, 'segment loads are not allowed in NaCl code'],
  // CPU features outside NaCl's policy (design/nacl-validator-rules.md §11)
  [/^v?(aes\w*|pclmul\w*)$/, 'AES and CLMUL instructions are outside the NaCl CPU feature policy'],
  [/^(andn|bextr|blsi|blsmsk|blsr)[lq]?$/, 'BMI1 instructions are outside the NaCl CPU feature policy'],
  [/^(bzhi|pdep|pext|rorx|sarx|shlx|shrx|mulx)[lq]?$/, 'BMI2 instructions are outside the NaCl CPU feature policy'],
  [/^(adcx|adox)[lq]?$|^(vcvtph2ps|vcvtps2ph)$|^sha\w+$|^(xbegin|xend|xabort|xtest)$/,
    'this instruction is outside the NaCl CPU feature policy'],
]);

/** bt/btc/btr/bts with a register bit offset can reach far past a memory operand: forbidden. */
const BIT_TEST = /^bt[crs]?[wlq]?$/;

function isCallOrJmp(m: string): 'call' | 'jmp' | undefined {
  if (/^call[qlw]?$/.test(m)) return 'call';
  if (/^jmp[qlw]?$/.test(m)) return 'jmp';
  return undefined;
}

function isConditionalBranch(m: string): boolean {
  return /^(j[a-z]{1,3}|loop[a-z]*|jrcxz|jecxz|jcxz)$/.test(m) && !/^jmp/.test(m);
}

const STRING_OP = /^(stos|lods|movs|cmps|scas)[bwlqd]?$/;

/** Instructions whose last operand is only read. */
const NO_DESTINATION = /^(cmp(?!xchg)|test|bt[wlq]?$|push|ucomis|comis|vucomis|vcomis|ptest|vptest|prefetch|nop)/;

/** 64-bit ALU forms we can turn into their 32-bit twin (then rebase %rsp/%rbp). */
const NARROWABLE = /^(mov|add|sub|and|or|xor|lea)q?$/;

/** 32-bit forms that zero-extend (so they can restrict %esp/%ebp before the rebase). */
const ZERO_EXTENDING_32 = /^(mov|add|sub|and|or|xor|lea)l?$/;

function regOp(name: string): RegOperand {
  return { kind: 'reg', name, gpr: gpr(name), indirect: false };
}

function r15Index(): MemOperand {
  return { kind: 'mem', segment: undefined, disp: '', base: 'r15', index: 'r11', scale: '1', indirect: false };
}

function memRegs(op: MemOperand): string[] {
  return [op.base, op.index].filter((r): r is string => r !== undefined);
}

function checkReserved(op: Operand): void {
  const names = op.kind === 'reg' ? [op.name] : op.kind === 'mem' ? memRegs(op) : [];
  for (const n of names) {
    const g = gpr(n);
    if (g?.num === R15) throw new Unsandboxable('%r15 holds the sandbox base and must not be used');
    if (g?.num === R11) throw new Unsandboxable('%r11 is reserved as the sandboxing scratch register');
    if (SEGMENT_REGISTERS.has(n)) throw new Unsandboxable('segment registers are not allowed in NaCl code');
  }
  if (op.kind === 'mem' && op.segment !== undefined) {
    throw new Unsandboxable(`segment override %${op.segment}: is not allowed in NaCl code (no TLS through %fs/%gs)`);
  }
}

/** The same address with 64-bit register names (32-bit address forms need the forbidden 0x67 prefix). */
function widenAddress(op: MemOperand): MemOperand {
  const widen = (r: string | undefined): string | undefined => {
    if (r === undefined || r === 'rip' || r === 'eip') return r === 'eip' ? 'rip' : r;
    const g = gpr(r);
    if (!g || (g.bits !== 64 && g.bits !== 32)) throw new Unsandboxable(`unsupported address register %${r}`);
    return name64(g.num);
  };
  return { ...op, base: widen(op.base), index: widen(op.index) };
}

export interface SandboxedMemory {
  /** statements that must immediately precede the use, in the same bundle */
  before: string[];
  operand: MemOperand;
}

/**
 * Makes one explicit memory operand safe: rip/rsp/rbp-based addresses stay,
 * absolute ones get %r15 as base, everything else is computed into %r11d by a
 * 32-bit lea (which wraps like an x32 address and zero-extends) and used as the
 * index of an %r15-based operand.
 */
export function sandboxMemory(raw: MemOperand): SandboxedMemory {
  const op = widenAddress(raw);
  if (op.base === 'rip') return { before: [], operand: op };
  if (op.base === undefined && op.index === undefined) {
    return { before: [], operand: { ...op, base: 'r15' } };
  }
  const baseNum = op.base !== undefined ? gpr(op.base)!.num : -1;
  if (op.index === undefined && (baseNum === RSP || baseNum === RBP)) return { before: [], operand: op };
  const address = formatInstruction({ prefixes: [], mnemonic: 'leal', operands: [{ ...op, indirect: false }, regOp('r11d')] });
  return { before: [address], operand: { ...r15Index(), indirect: op.indirect } };
}

function rebase(reg: number, flagsFree: boolean): string {
  if (reg === RSP) return flagsFree ? 'addq\t%r15, %rsp' : 'leaq\t(%rsp,%r15,1), %rsp';
  return flagsFree ? 'addq\t%r15, %rbp' : 'leaq\t0(%rbp,%r15,1), %rbp';
}

/** Loads a branch target into %r11d, sandboxing a memory operand on the way. */
function loadTarget(op: Operand): string[] {
  if (op.kind === 'reg') {
    if (!op.gpr || (op.gpr.bits !== 64 && op.gpr.bits !== 32)) throw new Unsandboxable(`unsupported branch register %${op.name}`);
    return [`movl\t%${name32(op.gpr.num)}, %r11d`];
  }
  if (op.kind === 'mem' || op.kind === 'expr') {
    const mem: MemOperand = op.kind === 'mem' ? op
      : { kind: 'mem', segment: undefined, disp: op.text, base: undefined, index: undefined, scale: undefined, indirect: true };
    const s = sandboxMemory({ ...mem, indirect: false });
    return [...s.before, formatInstruction({ prefixes: [], mnemonic: 'movl', operands: [s.operand, regOp('r11d')] })];
  }
  throw new Unsandboxable('unsupported branch operand');
}

const NACL_JMP = ['andl\t$-32, %r11d', 'addq\t%r15, %r11', 'jmp\t*%r11'];
const NACL_CALL = ['andl\t$-32, %r11d', 'addq\t%r15, %r11', 'call\t*%r11'];
const NACL_CALL_BYTES = 10; // 41 83 e3 e0 | 4d 01 fb | 41 ff d3
const DIRECT_CALL_BYTES = 5;

/** Statement groups: each inner array is emitted bundle-locked when it has several statements. */
export type Groups = string[][];

function stringOp(ins: Instruction): Groups {
  const base = ins.mnemonic.slice(0, 4);
  const rsi = ['movl\t%esi, %esi', 'leaq\t(%r15,%rsi,1), %rsi'];
  const rdi = ['movl\t%edi, %edi', 'leaq\t(%r15,%rdi,1), %rdi'];
  const prefix = base === 'lods' ? rsi : base === 'stos' || base === 'scas' ? rdi : [...rsi, ...rdi];
  return [[...prefix, formatInstruction(ins)]];
}

function branch(kind: 'call' | 'jmp', ins: Instruction): Groups {
  const target = ins.operands[0];
  if (ins.operands.length !== 1 || target === undefined) throw new Unsandboxable('expected one branch target');
  const direct = (target.kind === 'expr' && !target.indirect);
  if (direct) {
    const text = `${kind}\t${(target as ExprOperand).text}`;
    // calls end at a bundle end, so the return address is a bundle start
    return kind === 'call' ? [[...nopLines(32 - DIRECT_CALL_BYTES), text]] : [[text]];
  }
  if (!('indirect' in target) || !target.indirect) throw new Unsandboxable('unsupported branch operand');
  const load = loadTarget(target);
  return kind === 'call'
    ? [load, [...nopLines(32 - NACL_CALL_BYTES), ...NACL_CALL]]
    : [load, NACL_JMP];
}

/** The register number the instruction writes when it is %rsp/%rbp (any width), else undefined. */
function stackPointerDestination(ins: Instruction): { num: number; bits: number } | undefined {
  if (ins.operands.length === 0 || NO_DESTINATION.test(ins.mnemonic)) return undefined;
  const candidates = /^xchg/.test(ins.mnemonic) ? ins.operands : [ins.operands[ins.operands.length - 1]!];
  for (const op of candidates) {
    if (op.kind === 'reg' && op.gpr && (op.gpr.num === RSP || op.gpr.num === RBP)) {
      if (/^xchg/.test(ins.mnemonic)) throw new Unsandboxable('xchg with %rsp/%rbp cannot be sandboxed');
      return { num: op.gpr.num, bits: op.gpr.bits };
    }
  }
  return undefined;
}

function isAllowedStackMove(ins: Instruction): boolean {
  const [src, dst] = ins.operands;
  if (ins.operands.length !== 2 || src === undefined || dst?.kind !== 'reg' || dst.gpr?.bits !== 64) return false;
  if (/^movq?$/.test(ins.mnemonic) && src.kind === 'reg' && src.gpr?.bits === 64) {
    return (src.gpr.num === RSP && dst.gpr.num === RBP) || (src.gpr.num === RBP && dst.gpr.num === RSP);
  }
  if (/^andq?$/.test(ins.mnemonic) && dst.gpr.num === RSP && src.kind === 'imm') {
    const v = Number(src.text.slice(1));
    return Number.isInteger(v) && v >= -128 && v <= -1;
  }
  return false;
}

/** Narrows a 64-bit ALU instruction on %rsp/%rbp to its 32-bit form (operands of registers only). */
function narrow(ins: Instruction): Instruction {
  const mnemonic = ins.mnemonic.endsWith('q') ? `${ins.mnemonic.slice(0, -1)}l` : ins.mnemonic;
  const operands = ins.operands.map((op): Operand => {
    if (op.kind !== 'reg' || !op.gpr) return op;
    if (op.gpr.bits !== 64) throw new Unsandboxable(`mixed operand sizes on %${op.name}`);
    return regOp(name32(op.gpr.num));
  });
  return { ...ins, mnemonic, operands };
}

/** Sandboxes every explicit memory operand of a non-branch instruction. */
function withMemory(ins: Instruction): { before: string[]; ins: Instruction } {
  const before: string[] = [];
  let memCount = 0;
  const operands = ins.operands.map((op): Operand => {
    if (op.kind === 'expr') {
      op = { kind: 'mem', segment: undefined, disp: op.text, base: undefined, index: undefined, scale: undefined, indirect: op.indirect };
    }
    if (op.kind !== 'mem') return op;
    if (++memCount > 1) throw new Unsandboxable('two memory operands');
    const s = sandboxMemory(op);
    before.push(...s.before);
    return s.operand;
  });
  return { before, ins: { ...ins, operands } };
}

/** Rewrites a lea: 32-bit address registers become 64-bit ones, a 64-bit destination with a 32-bit address becomes 32-bit. */
function rewriteLea(ins: Instruction): Instruction {
  const [addr, dst] = ins.operands;
  if (addr?.kind === 'expr' && !addr.indirect && dst?.kind === 'reg') return ins; // an absolute address: no access
  if (addr?.kind !== 'mem' || dst?.kind !== 'reg' || !dst.gpr) throw new Unsandboxable('unsupported lea form');
  const narrowAddress = [addr.base, addr.index].some((r) => r !== undefined && gpr(r)?.bits === 32);
  const wide = widenAddress(addr);
  if (narrowAddress && dst.gpr.bits === 64) {
    return { ...ins, mnemonic: 'leal', operands: [wide, regOp(name32(dst.gpr.num))] };
  }
  return { ...ins, operands: [wide, dst] };
}

/** Rewrites one instruction into statement groups. */
export function sandboxInstruction(ins: Instruction): Groups {
  const m = ins.mnemonic;
  for (const [re, why] of FORBIDDEN) if (re.test(m)) throw new Unsandboxable(why);
  if (ins.prefixes.includes('addr32') || ins.prefixes.includes('addr16')) {
    throw new Unsandboxable('the address-size prefix (0x67) is forbidden by the NaCl validator');
  }
  for (const p of ['cs', 'ds', 'es', 'fs', 'gs', 'ss']) {
    if (ins.prefixes.includes(p) || m === p) throw new Unsandboxable('segment prefixes are not allowed in NaCl code');
  }
  ins.operands.forEach(checkReserved);
  if (BIT_TEST.test(m) && ins.operands[0]?.kind === 'reg' && ins.operands[1]?.kind !== 'reg') {
    throw new Unsandboxable('bt/btc/btr/bts with a register bit offset on a memory operand is forbidden by the NaCl validator');
  }
  if (ins.operands.some((op) => op.kind === 'reg' && /^(zmm|k)\d+$/.test(op.name))) {
    throw new Unsandboxable('AVX-512 is outside the NaCl CPU feature policy');
  }
  // branch hints and CET/MPX prefixes carry no meaning here
  ins = { ...ins, prefixes: ins.prefixes.filter((p) => p !== 'notrack' && p !== 'bnd') };

  if (/^ret[qlw]?$/.test(m)) {
    if (ins.operands.length > 0) throw new Unsandboxable("'ret $n' is not produced for C and is not supported");
    return [['popq\t%r11'], NACL_JMP];
  }
  if (/^leave[qlw]?$/.test(m)) {
    return [['movq\t%rbp, %rsp'], ['popq\t%r11'], ['movl\t%r11d, %ebp', rebase(RBP, false)]];
  }
  const cj = isCallOrJmp(m);
  if (cj) return branch(cj, ins);
  if (isConditionalBranch(m)) {
    if (ins.operands.some((op) => op.kind !== 'expr' || op.indirect)) throw new Unsandboxable('unsupported branch operand');
    return [[formatInstruction(ins)]];
  }
  if (STRING_OP.test(m) && ins.operands.length === 0) return stringOp(ins);
  if (/^nop[wlq]?$/.test(m)) return [['nop']];
  if (/^popq?$/.test(m) && ins.operands[0]?.kind === 'reg' && ins.operands[0].gpr?.num === RBP) {
    if (ins.operands[0].gpr.bits !== 64) throw new Unsandboxable('16-bit pop of %bp');
    return [['popq\t%r11'], ['movl\t%r11d, %ebp', rebase(RBP, false)]];
  }
  if (/^popq?$/.test(m) && ins.operands[0]?.kind === 'reg' && ins.operands[0].gpr?.num === RSP) {
    throw new Unsandboxable('pop %rsp cannot be sandboxed');
  }

  if (/^lea[wlq]?$/.test(m)) ins = rewriteLea(ins);
  const dest = stackPointerDestination(ins);
  if (dest && isAllowedStackMove(ins)) return [[formatInstruction(ins)]];

  let after: string[] = [];
  if (dest) {
    if (dest.bits === 64) {
      if (!NARROWABLE.test(ins.mnemonic)) {
        throw new Unsandboxable(`%${name64(dest.num)} may only change through mov/add/sub/and/or/xor/lea`);
      }
      ins = narrow(ins);
    } else if (dest.bits !== 32 || !ZERO_EXTENDING_32.test(ins.mnemonic)) {
      throw new Unsandboxable(`%${name64(dest.num)} may only change through a zero-extending 32-bit write`);
    }
    const flagsFree = !/^(mov|lea)/.test(ins.mnemonic); // the instruction clobbers flags anyway
    after = [rebase(dest.num, flagsFree)];
  }
  if (/^lea[wlq]?$/.test(ins.mnemonic)) return [[formatInstruction(ins), ...after]];
  const mem = withMemory(ins);
  return [[...mem.before, formatInstruction(mem.ins), ...after]];
}
