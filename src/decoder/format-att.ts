// GNU AT&T (objdump-like) text of a full decode: source operands first, %registers, $immediates,
// disp(base,index,scale) memory, mnemonic size suffixes where no register operand fixes the size.
import { Feature, Flow, NaclFact, OperandKind, OpMap, Prefix, RegClass, RIP, Width, type FullDecode, type Operand } from './types.ts';

const GPR64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const GPR32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const GPR16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const GPR8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const GPR8H = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh'];
const SEGS = ['es', 'cs', 'ss', 'ds', 'fs', 'gs', '?', '?'];
const SEG_PREFIX: Record<number, string> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };

/** Register name without the % sign. */
export function registerName(cls: number, reg: number, bits: number, highByte: boolean): string {
  switch (cls) {
    case RegClass.GPR:
      if (bits === 64) return GPR64[reg];
      if (bits === 32) return GPR32[reg];
      if (bits === 16) return GPR16[reg];
      return highByte ? GPR8H[reg] : GPR8[reg];
    case RegClass.XMM: return `${bits === 256 ? 'ymm' : 'xmm'}${reg}`;
    case RegClass.MMX: return `mm${reg & 7}`;
    case RegClass.Seg: return SEGS[reg & 7];
    case RegClass.CR: return `cr${reg}`;
    case RegClass.DR: return `dr${reg}`;
    case RegClass.ST: return reg === 0 ? 'st' : `st(${reg})`;
    default: return '?';
  }
}

const hex = (v: number | bigint): string => `0x${v.toString(16)}`;

/** AT&T mnemonic spellings that differ from the Intel-style table names. */
const ATT_NAMES: Record<string, string> = {
  cbw: 'cbtw', cwde: 'cwtl', cdqe: 'cltq', cwd: 'cwtd', cdq: 'cltd', cqo: 'cqto', retf: 'lret', wait: 'fwait',
  xlatb: 'xlat', pushfq: 'pushf', popfq: 'popf', iretd: 'iret', pushf: 'pushfw', popf: 'popfw', iret: 'iretw',
  pcmpestrm64: 'pcmpestrmq', pcmpestri64: 'pcmpestriq', fstpnce: 'fstp', reservednop: 'nop', getsecq: 'rex.w getsec',
};
/** x87 register forms whose AT&T name is swapped (the historical UnixWare spelling). */
const X87_SWAP: Record<string, string> = {
  fsub: 'fsubr', fsubr: 'fsub', fdiv: 'fdivr', fdivr: 'fdiv', fsubp: 'fsubrp', fsubrp: 'fsubp', fdivp: 'fdivrp', fdivrp: 'fdivp',
};
/** Forms whose memory operand size is fixed although the register form follows the operand size. */
const NO_SUFFIX = new Set(['sldt', 'str', 'smsw', 'lar', 'lsl', 'verr', 'verw', 'lldt', 'ltr', 'lmsw']);
/** Forms with an implicit memory operand (rDI/rAX): FS/GS and 67 prefixes show as prefix words. */
const IMPLICIT_MEM = new Set(['maskmovq', 'maskmovdqu', 'vmaskmovdqu', 'monitor', 'monitorx', 'clzero', 'vmrun',
  'vmload', 'vmsave', 'invlpga']);
const SIZE_SUFFIX: Record<number, string> = { 8: 'b', 16: 'w', 32: 'l', 64: 'q' };
const FP_SUFFIX: Record<number, string> = { 32: 's', 64: 'l', 80: 't' };
const INT_SUFFIX: Record<number, string> = { 16: 's', 32: 'l', 64: 'll' };

export interface FormatOptions {
  /** Address of code offset 0 (branch targets and RIP-relative comments are shown as base + offset). */
  base?: number;
}

function formatMem(o: Extract<Operand, { type: 'mem' }>, insn: FullDecode, hideSeg: boolean): string {
  let s = '';
  if (insn.form.mnemonic === 'lea') hideSeg = true;
  if (o.segment !== 0 && !hideSeg) s += `%${SEG_PREFIX[o.segment]}:`;
  const bits = o.addrSize;
  if (o.base === -1 && o.index === -1) {
    if (o.moffs !== undefined) return s + hex(o.moffs);
    const v = bits === 32 ? o.disp >>> 0 : o.disp < 0 ? BigInt.asUintN(64, BigInt(o.disp)) : o.disp;
    return s + hex(v);
  }
  if (o.disp !== 0 || insn.d.dispSize !== 0) s += o.disp < 0 ? `-${hex(-o.disp)}` : hex(o.disp);
  s += '(';
  if (o.base === RIP) s += bits === 32 ? '%eip' : '%rip';
  else if (o.base >= 0) s += `%${bits === 32 ? GPR32[o.base] : GPR64[o.base]}`;
  if (o.index >= 0 && /gather/.test(insn.form.mnemonic)) {
    // VSIB: dword indices with qword elements (gatherdpd/dq) only need an xmm.
    const ymm = insn.d.vexL !== 0 && !/gatherd(pd|q)$/.test(insn.form.mnemonic);
    s += `,%${ymm ? 'ymm' : 'xmm'}${o.index},${o.scale}`;
  }
  else if (o.index >= 0) s += `,%${bits === 32 ? GPR32[o.index] : GPR64[o.index]},${o.scale}`;
  else if (o.base === -1) s += `,%${bits === 32 ? 'eiz' : 'riz'},${o.scale}`;
  return `${s})`;
}

function mnemonicOf(insn: FullDecode): string {
  const f = insn.form;
  let m = ATT_NAMES[f.mnemonic] ?? f.mnemonic.replace(/^(v?pcmpestr[im])64$/, '$1q');
  const ops = insn.operands;
  const mem = ops.find((o) => o.type === 'mem');
  // A register operand fixes the size, except a shift count in %cl.
  const hasReg = ops.some((o, i) => o.type === 'reg' && !(f.operands[i].kind === OperandKind.Fixed && o.bits === 8 && o.reg === 1 && i > 0));
  if (f.mnemonic === 'movzx' || f.mnemonic === 'movsx') {
    const src = ops[1];
    const srcBits = src.type === 'reg' || src.type === 'mem' ? src.bits : 0;
    if (srcBits === insn.opSize) return `${f.mnemonic}${SIZE_SUFFIX[srcBits]}`;
    return `${f.mnemonic.slice(0, 4)}${SIZE_SUFFIX[srcBits]}${SIZE_SUFFIX[insn.opSize]}`;
  }
  if (/^(stos|lods|scas)[bwdq]$/.test(f.mnemonic) && hasReg) return f.mnemonic.slice(0, 4);
  if (/^(movs|cmps|stos|lods|scas|ins|outs)d$/.test(f.mnemonic) && f.map === OpMap.Legacy) return `${f.mnemonic.slice(0, -1)}l`;
  if (/^(loop|loope|loopne)$/.test(m) && insn.addrSize === 32) return `${m}l`;
  if ((m === 'push' || m === 'pop') && ops[0]?.type === 'reg' && ops[0].cls === RegClass.Seg && insn.opSize === 16) return `${m}w`;
  if (m === 'lret' && insn.opSize === 16) return 'lretw';
  if ((m === 'enter' || m === 'leave') && insn.opSize === 16) return `${m}w`;
  if (/^vcvt(t?pd2dq|pd2ps)$/.test(m) && mem) return `${m}${insn.d.vexL ? 'y' : 'x'}`;
  if (m === 'crc32' && mem && mem.type === 'mem') return `crc32${SIZE_SUFFIX[mem.bits]}`;
  if (f.mnemonic === 'mov' && f.map === OpMap.Legacy && f.opcode >= 0xa0 && f.opcode <= 0xa3 && insn.addrSize === 32) return 'addr32 mov';
  if (f.mnemonic === 'movsxd') return insn.opSize === 64 ? 'movslq' : 'movsxd';
  if (f.mnemonic === 'mov' && (f.opcode >= 0xa0 && f.opcode <= 0xa3 && f.map === OpMap.Legacy)) return 'movabs';
  if (f.mnemonic === 'mov' && f.map === OpMap.Legacy && f.opcode === 0xb8 && insn.opSize === 64) return 'movabs';
  if (f.mnemonic === 'jrcxz' && insn.addrSize === 32) return 'jecxz';
  if (f.feature === Feature.X87) {
    if (!mem && X87_SWAP[m] && (f.opcode === 0xdc || f.opcode === 0xde)) return X87_SWAP[m];
    if (mem && /^(frstor|fldenv|fnsave|fnstenv)$/.test(m) && insn.opSize === 16) return `${m}s`;
    if (mem && mem.type === 'mem') {
      if (/^fi/.test(m) && m !== 'fincstp') return m + (INT_SUFFIX[mem.bits] ?? '');
      if (/^f(ld|st|stp|add|sub|subr|mul|div|divr|com|comp)$/.test(m)) return m + (FP_SUFFIX[mem.bits] ?? '');
    }
    return m;
  }
  if (f.mnemonic === 'fisttp' && mem && mem.type === 'mem') return m + (INT_SUFFIX[mem.bits] ?? '');
  if ((f.mnemonic === 'cvtsi2ss' || f.mnemonic === 'cvtsi2sd' || f.mnemonic === 'vcvtsi2ss' || f.mnemonic === 'vcvtsi2sd') && mem) {
    return m + (insn.opSize === 64 || insn.d.vexW === 1 || (insn.d.rex & 8) !== 0 ? 'q' : 'l');
  }
  if (f.flow === Flow.Far) {
    if (f.mnemonic === 'call' || f.mnemonic === 'jmp') {
      m = `l${m}`;
      return insn.opSize === 64 ? `rex.w ${m}` : insn.opSize === 16 ? `${m}w` : `${m}l`;
    }
    if (m === 'lret' && insn.opSize === 64) m = 'lretq';
    return m;
  }
  // A size suffix when only memory/immediates say nothing about the size and the operation has
  // several sizes (objdump's rule): v/z/y-sized memory operands, and byte forms other than setcc.
  const memSpec = f.operands.find((o) => o.kind === OperandKind.Mem || o.kind === OperandKind.RM);
  const sized = memSpec !== undefined && memSpec.cls === RegClass.GPR &&
    (memSpec.width === Width.V || memSpec.width === Width.Z || memSpec.width === Width.Y ||
      (memSpec.width === Width.B && f.osz === 'byte' && !m.startsWith('set')));
  if (mem && mem.type === 'mem' && !hasReg && sized && SIZE_SUFFIX[mem.bits] && !NO_SUFFIX.has(m)) {
    if (f.flow === Flow.IndirectJmp || f.flow === Flow.IndirectCall) return m;
    return m + SIZE_SUFFIX[mem.bits];
  }
  if (!mem && !hasReg && f.mnemonic === 'push' && ops[0]?.type === 'imm' && insn.opSize === 16) return 'pushw';
  return m;
}

const SEG_WORD: Record<number, string> = { 0x26: 'es', 0x2e: 'cs', 0x36: 'ss', 0x3e: 'ds', 0x64: 'fs', 0x65: 'gs' };

/**
 * objdump's words for prefixes the instruction does not use, in byte order: every 66 but the
 * last ("data16"), and segment prefixes (in 64-bit mode CS/DS/ES/SS select nothing; of several,
 * only the last one can be used: by an FS/GS memory operand, a branch hint or notrack).
 */
function unusedPrefixWords(insn: FullDecode, isString: boolean): string[] {
  const d = insn.d;
  const f = insn.form;
  if (d.prefixCount === 0) return [];
  // (Implicit-memory forms never mark a segment prefix used: all of them become words.)
  const segWords = !isString && f.mnemonic !== 'lea' && !/^(vm|invlpga)/.test(f.mnemonic);
  let last66 = -1;
  let lastSeg = -1;
  let i = 0;
  for (; i < insn.bytes.length; i++) {
    const b = insn.bytes[i];
    if (b === 0x66) last66 = i;
    else if (SEG_WORD[b] !== undefined) lastSeg = i;
    else if (b !== 0xf0 && b !== 0xf2 && b !== 0xf3 && b !== 0x67 && (b & 0xf0) !== 0x40) break;
  }
  const hint = (f.flow === Flow.Jcc && d.segmentFsGs === 0 && (d.segment === 0x2e || d.segment === 0x3e)) ||
    ((f.flow === Flow.IndirectJmp || f.flow === Flow.IndirectCall) && d.segment === 0x3e && d.segmentFsGs === 0);
  const fsGsShown = d.segmentFsGs !== 0 && insn.operands.some((o) => o.type === 'mem');
  const words: string[] = [];
  for (let k = 0; k < i; k++) {
    const b = insn.bytes[k];
    if (b === 0x66 && k !== last66) words.push('data16');
    else if (segWords && SEG_WORD[b] !== undefined && !(k === lastSeg && (hint || fsGsShown))) words.push(SEG_WORD[b]);
  }
  return words;
}

/** Comparison predicates of cmpps/cmppd/cmpss/cmpsd (0-7) and their VEX forms (0-31). */
const CMP_PREDICATES = ['eq', 'lt', 'le', 'unord', 'neq', 'nlt', 'nle', 'ord', 'eq_uq', 'nge', 'ngt', 'false', 'neq_oq',
  'ge', 'gt', 'true', 'eq_os', 'lt_oq', 'le_oq', 'unord_s', 'neq_us', 'nlt_uq', 'nle_uq', 'ord_s', 'eq_us', 'nge_uq',
  'ngt_uq', 'false_os', 'neq_os', 'ge_oq', 'gt_oq', 'true_us'];

/** objdump's pseudo-op for a compare with a known predicate (cmpeqps, vcmpnge_uqpd...), else null. */
function cmpPseudoOp(insn: FullDecode): string | null {
  const f = insn.form;
  const vex = f.map === OpMap.Vex0F;
  if (f.opcode !== 0xc2 || (f.map !== OpMap.M0F && !vex)) return null;
  const m = /^(v?)cmp(ps|pd|ss|sd)$/.exec(f.mnemonic);
  const pred = insn.d.imm & 0xff;
  if (m === null || pred >= (vex ? 32 : 8)) return null;
  return `${m[1]}cmp${CMP_PREDICATES[pred]}${m[2]}`;
}

/** Formats one instruction (without address or bytes). */
export function formatAtt(insn: FullDecode, opts: FormatOptions = {}): string {
  const base = opts.base ?? 0;
  const f = insn.form;
  const isString = f.opcode >= 0xa4 && f.opcode <= 0xaf && f.map === OpMap.Legacy && f.mnemonic !== 'test' ||
    f.opcode >= 0x6c && f.opcode <= 0x6f && f.map === OpMap.Legacy;
  const parts: string[] = unusedPrefixWords(insn, isString);
  if (f.mnemonic === 'nop' && f.opcode === 0x90 && insn.opSize === 16) return [...parts, 'xchg %ax,%ax'].join(' ');
  if (f.mnemonic === 'nop' && f.opcode === 0x90 && insn.opSize === 64) return [...parts, 'xchg %rax,%rax'].join(' ');
  const d = insn.d;
  if ((f.flow === Flow.IndirectJmp || f.flow === Flow.IndirectCall) && d.segment === 0x3e && d.segmentFsGs === 0) parts.push('notrack');
  const branch = f.flow === Flow.Jmp || f.flow === Flow.Jcc || f.flow === Flow.Call || f.flow === Flow.Ret ||
    f.flow === Flow.IndirectJmp || f.flow === Flow.IndirectCall;
  if (branch && d.lastRep === 0xf2 && !(f.opcode === 0xeb && f.map === OpMap.Legacy)) parts.push('bnd');
  if (d.map === OpMap.Legacy && d.lastRep !== 0 && (isString || (f.flow === Flow.Ret && f.opcode === 0xc3 && d.lastRep === 0xf3))) {
    const cond = (f.nacl & NaclFact.CondRepAllowed) !== 0 || f.flow === Flow.Ret;
    parts.push(cond ? (d.lastRep === 0xf3 ? 'repz' : 'repnz') : d.lastRep === 0xf3 ? 'rep' : 'repnz');
  }
  // HLE hints: F2/F3 with a locked instruction (or xchg with memory), F3 on a store mov.
  if (d.lastRep !== 0 && d.hasMem && !isString &&
      ((d.prefixes & Prefix.LOCK) !== 0 || f.mnemonic === 'xchg')) parts.push(d.lastRep === 0xf2 ? 'xacquire' : 'xrelease');
  else if (d.lastRep === 0xf3 && d.hasMem && f.mnemonic === 'mov' && d.map === OpMap.Legacy &&
      (f.opcode === 0x88 || f.opcode === 0x89 || f.opcode === 0xc6 || f.opcode === 0xc7)) parts.push('xrelease');
  if ((d.prefixes & Prefix.LOCK) !== 0) parts.push('lock');
  // Implicit-memory forms show a 67 prefix as a prefix word (FS/GS: see unusedPrefixWords).
  if (IMPLICIT_MEM.has(f.mnemonic) && d.addrSize === 32) parts.unshift('addr32');
  const pseudo = cmpPseudoOp(insn);
  let m = pseudo ?? mnemonicOf(insn);
  if (f.flow === Flow.Jcc && d.segmentFsGs === 0 && (d.segment === 0x2e || d.segment === 0x3e)) m += d.segment === 0x2e ? ',pn' : ',pt';
  parts.push(m);
  const shown: string[] = [];
  let comment = '';
  const indirect = f.flow === Flow.IndirectJmp || f.flow === Flow.IndirectCall || (f.flow === Flow.Far && f.opcode === 0xff);
  // AT&T reverses the operands, except for enter (two immediates kept in Intel order).
  const keep = f.mnemonic === 'enter';
  const ops = keep ? [...insn.operands] : [...insn.operands].reverse();
  const specs = keep ? [...f.operands] : [...f.operands].reverse();
  for (const [i, o] of ops.entries()) {
    if (pseudo !== null && o.type === 'imm') continue; // the predicate is in the mnemonic
    let t: string;
    if (o.type === 'reg' && specs[i]?.kind === OperandKind.StI) t = `%st(${o.reg})`;
    else if (o.type === 'reg') t = `%${registerName(o.cls, o.reg, o.bits, o.highByte)}`;
    else if (o.type === 'imm') t = `$${hex(o.value)}`;
    else if (o.type === 'rel') t = hex(BigInt.asUintN(64, BigInt(base + o.target)));
    else {
      t = formatMem(o, insn, f.flow === Flow.Jcc);
      if (o.base === RIP) comment = `        # ${hex(BigInt.asUintN(64, BigInt(base + insn.pos + insn.length + o.disp)))}`;
    }
    if (indirect) t = `*${t}`;
    shown.push(t);
  }
  const text = parts.join(' ');
  return (shown.length > 0 ? `${text} ${shown.join(',')}` : text) + comment;
}
