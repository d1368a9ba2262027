// What the rules need to know about one ordinary instruction, computed from its decode. It
// depends only on the instruction's bytes (not on its position, the state before it or the
// options), so the fast walk can cache it by header bytes (shape-cache.ts, fast-walk.ts).
import { formAt } from '../decoder/forms.ts';
import { DecodeError, Feature, Flow, NaclFact, RIP, type Decoded, type Form } from '../decoder/types.ts';
import { acceptedForm } from './prefix-policy.ts';
import { decodeAsNacl } from './vex-leniency.ts';
import { writtenRegs, type WrittenRegs } from './register-writes.ts';
import { Dest, matchXop } from './xop-forms.ts';

export const Mem = { None: 0, Ok: 1, BadBase: 2 } as const;
export const Branch = { None: 0, Jump: 1, Call: 2 } as const;
/** Bits of Summary.writeErrors. */
export const WriteError = { R15: 1, Sp: 2, Bp: 4, RspSandboxing: 8, RbpSandboxing: 16 } as const;

const NONE = -1;
const RSP = 4;
const RBP = 5;
const R15 = 15;

export class Summary {
  length = 0;
  /** NaCl's grammar does not accept the instruction (forbidden form or prefix). */
  rejected = false;
  /** CPU feature as NaCl's policy sees it. */
  feature = 0;
  mem = 0;
  /** Index register of the memory operand, or -1. */
  memIndex = NONE;
  writeErrors = 0;
  /** Register restricted for the next instruction, or -1. */
  restricts = NONE;
  branch = 0;
  rel = 0;
}

/** The feature NaCl's policy checks for a form: tzcnt is allowed whatever the CPU (it runs as bsf). */
function policyFeature(form: Form): number {
  return form.mnemonic === 'tzcnt' ? Feature.None : form.feature;
}

/** Decodes and summarises the instruction at `pos`; false when it does not decode. */
export function summarize(code: Uint8Array, pos: number, end: number, d: Decoded, writes: WrittenRegs, out: Summary): boolean {
  const n = decodeAsNacl(code, pos, end, d);
  if (n <= 0) return n === DecodeError.Unsupported && code[pos] === 0x8f && summarizeXop(code, pos, end, writes, out);
  const form = formAt(d.form);
  out.length = n;
  out.rejected = !acceptedForm(d, form);
  out.feature = policyFeature(form);
  memoryOperand(d.hasMem && (form.nacl & NaclFact.NoMemoryAccess) === 0, d.memBase, d.memIndex, out);
  registerWrites(d, form, writes, out);
  const flow = form.flow;
  out.branch = flow === Flow.Call ? Branch.Call : flow === Flow.Jmp || flow === Flow.Jcc || flow === Flow.Loop ? Branch.Jump : Branch.None;
  out.rel = d.rel;
  return true;
}

/** The memory-operand rules' view of an accessed operand: its base must be %r15/%rsp/%rbp/%rip. */
function memoryOperand(accessed: boolean, base: number, index: number, out: Summary): void {
  out.mem = Mem.None;
  out.memIndex = NONE;
  if (!accessed) return;
  const baseOk = base === R15 || base === RSP || base === RBP || base === RIP;
  out.mem = baseOk ? Mem.Ok : Mem.BadBase;
  out.memIndex = baseOk ? index : NONE;
}

/**
 * One of the XOP forms NaCl's grammar has (xop-forms.ts): outside NaCl's policy, so "unrecognized",
 * but its length, memory operand and register write count as for any instruction.
 */
function summarizeXop(code: Uint8Array, pos: number, end: number, writes: WrittenRegs, out: Summary): boolean {
  const m = matchXop(code, pos, end);
  if (m === undefined) return false;
  out.length = m.length;
  out.rejected = false;
  out.feature = m.form.feature;
  memoryOperand(m.hasMem, m.base, m.index, out);
  let count = 0;
  writes.writesMemory = false;
  if (m.destReg >= 0) {
    writes.reg[0] = m.destReg;
    writes.bits[0] = m.bits;
    writes.highByte[0] = 0;
    writes.rmSlot[0] = m.form.dest === Dest.Rm ? 1 : 0;
    count = 1;
  }
  writes.count = count;
  // None of them is marked nacl-amd64-zero-extends.
  writeEffects(writes, count, false, out);
  out.branch = Branch.None;
  out.rel = 0;
  return true;
}

/**
 * Writes to %r15, %rsp and %rbp, and the register this instruction restricts: a 32-bit write by
 * a zero-extending form (for two such writes, as in xchg/xadd, the ModRM.rm or opcode-register
 * operand; a second one naming %esp/%ebp is an "improper sandboxing").
 */
function registerWrites(d: Decoded, form: Form, r: WrittenRegs, out: Summary): void {
  const count = writtenRegs(d, form, r);
  // An exchange with memory (xchg/xadd) does not zero-extend its register (issues 3071/3077).
  writeEffects(r, count, (form.nacl & NaclFact.ZeroExtends) !== 0 && !r.writesMemory, out);
}

/** The errors and the restriction of `count` register writes listed in `r`. */
function writeEffects(r: WrittenRegs, count: number, zeroExtends: boolean, out: Summary): void {
  let chosen = -1;
  if (zeroExtends) {
    for (let i = 0; i < count; i++) {
      if (r.bits[i] !== 32 || r.reg[i] === R15) continue;
      if (chosen < 0 || (r.rmSlot[i] === 1 && r.rmSlot[chosen] === 0)) chosen = i;
    }
  }
  let errors = 0;
  for (let i = 0; i < count; i++) {
    const reg = r.reg[i]!;
    if (reg === R15) errors |= WriteError.R15;
    else if ((reg === RSP || reg === RBP) && r.highByte[i] === 0) {
      if (zeroExtends && r.bits[i] === 32) {
        if (i !== chosen) errors |= reg === RSP ? WriteError.RspSandboxing : WriteError.RbpSandboxing;
      } else {
        errors |= reg === RSP ? WriteError.Sp : WriteError.Bp;
      }
    }
  }
  out.writeErrors = errors;
  out.restricts = chosen >= 0 ? r.reg[chosen]! : NONE;
}
