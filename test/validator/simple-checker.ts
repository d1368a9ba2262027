// A deliberately simple second checker for chunks the validator ACCEPTED. It re-derives the
// sandbox invariants from full decodes, one instruction at a time, without the validator's
// fixed-sequence recognisers or its restricted-register state machine:
//  - every instruction decodes and stays inside its 32-byte bundle;
//  - every accessed memory operand has base r15/rsp/rbp/rip, and any index register was written
//    as a 32-bit register by the previous instruction of the same bundle;
//  - %r15 is never written;
//  - %rsp/%rbp change only by push/pop/call (implicitly), mov between them, and $-N,%rsp, or a
//    32-bit write immediately followed (same bundle) by a rebase on %r15 (add/or/lea);
//  - string instructions come right after the lea rebases of the pointers they use;
//  - every indirect branch is `and $-32,%eN; add %r15,%rN; jmp/call *%rN` (no ret, no far, no
//    memory-indirect);
//  - every direct branch lands on a multiple of 32 or on an instruction start that does not
//    depend on the instruction before it.
import { Access, decodeFull, Flow, RegClass, type FullDecode, type MemOperand, type RegOperand } from '../../src/decoder/index.ts';

export interface Violation {
  readonly offset: number;
  readonly rule: string;
}

const R15 = 15;
const RIP = 16;

function wrote32(ins: FullDecode | undefined, reg: number): boolean {
  return ins !== undefined && ins.gprWritten.some((r) => r.reg === reg && r.bits === 32);
}

function memOperands(ins: FullDecode): MemOperand[] {
  return ins.operands.filter((o): o is MemOperand => o.type === 'mem');
}

function regOperands(ins: FullDecode): RegOperand[] {
  return ins.operands.filter((o): o is RegOperand => o.type === 'reg');
}

/** `lea (%r15,%rR,1),%rR` (either order of base/index) after a 32-bit write of R. */
function isRebase(lea: FullDecode | undefined, before: FullDecode | undefined, reg: number): boolean {
  if (!lea || lea.mnemonic !== 'lea') return false;
  const mem = memOperands(lea)[0];
  const dst = regOperands(lea)[0];
  if (!mem || !dst || dst.reg !== reg || dst.bits !== 64 || mem.disp !== 0 || mem.scale !== 1) return false;
  const pair = (mem.base === R15 && mem.index === reg) || (mem.base === reg && mem.index === R15);
  return pair && wrote32(before, reg);
}

/** Explicit writes of %rsp/%rbp (not %ah-style high bytes). */
function stackWrites(ins: FullDecode): RegOperand[] {
  return regOperands(ins).filter((r) => r.cls === RegClass.GPR && (r.access & Access.W) !== 0 && (r.reg === 4 || r.reg === 5) && !r.highByte);
}

/** `add|or %r15,%rR` or `lea (%rR,%r15,1),%rR` (either order, no displacement). */
function isStackRebase(ins: FullDecode, reg: number): boolean {
  const w = stackWrites(ins);
  if (w.length !== 1 || w[0]!.reg !== reg || w[0]!.bits !== 64) return false;
  if (ins.mnemonic === 'add' || ins.mnemonic === 'or') return regOperands(ins).some((r) => r.reg === 15 && r.bits === 64);
  if (ins.mnemonic !== 'lea') return false;
  const m = memOperands(ins)[0];
  return m !== undefined && m.disp === 0 && m.scale === 1 && ((m.base === reg && m.index === 15) || (m.base === 15 && m.index === reg));
}

/** Moves that keep %rsp/%rbp inside the sandbox by themselves. */
function isSafeStackMove(ins: FullDecode): boolean {
  const regs = regOperands(ins);
  if (ins.mnemonic === 'mov') return regs.length === 2 && regs.every((r) => (r.reg === 4 || r.reg === 5) && r.bits === 64);
  if (ins.mnemonic === 'and') {
    const imm = ins.operands.find((o) => o.type === 'imm');
    return regs.length === 1 && regs[0]!.reg === 4 && regs[0]!.bits === 64 && imm?.type === 'imm' && BigInt.asIntN(64, imm.value) < 0n;
  }
  return false;
}

/** Which pointers a string-like instruction uses: [rsi?, rdi?], or undefined if it is none. */
function stringPointers(ins: FullDecode): [boolean, boolean] | undefined {
  const m = ins.mnemonic;
  if (/^(movs[bwdq]?|cmps[bwdq]?)$/.test(m) && ins.form.map === 0) return [true, true];
  if (/^lods[bwdq]?$/.test(m)) return [true, false];
  if (/^(stos[bwdq]?|scas[bwdq]?|maskmovq|maskmovdqu|vmaskmovdqu)$/.test(m)) return [false, true];
  return undefined;
}

/**
 * Violations of the sandbox invariants in `code` (an accepted chunk). With `boundaries` (the
 * validator's jump-target bitmap), also checks that each offset it allows a jump to is an
 * instruction start that does not depend on its predecessor.
 */
export function simpleCheck(code: Uint8Array, boundaries?: Uint8Array): Violation[] {
  const violations: Violation[] = [];
  const bad = (offset: number, rule: string) => violations.push({ offset, rule });
  const starts = new Set<number>();
  const dependent = new Set<number>();
  const targets: [number, number][] = [];
  for (let bundle = 0; bundle < code.length; bundle += 32) {
    const end = Math.min(bundle + 32, code.length);
    const seen: FullDecode[] = [];
    // %rsp/%rbp written as 32 bits by the previous instruction, awaiting its rebase.
    let pendingStack = -1;
    let pos = bundle;
    for (; pos < end; ) {
      const ins = decodeFull(code, pos, end);
      if (!ins.ok) {
        bad(pos, `does not decode inside its bundle (${ins.reason})`);
        break;
      }
      starts.add(pos);
      const prev = seen[seen.length - 1];
      const pointers = stringPointers(ins);
      // String operands (%rsi/%rdi) are covered by the rebase rule below.
      for (const mem of pointers ? [] : memOperands(ins)) {
        if (mem.noAccess) continue;
        if (mem.base !== R15 && mem.base !== 4 && mem.base !== 5 && mem.base !== RIP) bad(pos, 'memory base');
        if (mem.index >= 0) {
          if (wrote32(prev, mem.index)) dependent.add(pos);
          else bad(pos, 'memory index not restricted by the previous instruction');
        }
        if (mem.addrSize !== 64) bad(pos, 'address size');
      }
      if (ins.gprWritten.some((r) => r.reg === R15)) bad(pos, '%r15 written');
      if (pendingStack >= 0) {
        if (isStackRebase(ins, pendingStack)) dependent.add(pos);
        else bad(pos, 'stack register not rebased right after its 32-bit write');
      } else {
        for (const w of stackWrites(ins)) {
          if (w.bits !== 32 && !isSafeStackMove(ins)) bad(pos, `%${w.reg === 4 ? 'rsp' : 'rbp'} written`);
        }
      }
      const wasPending = pendingStack;
      pendingStack = -1;
      for (const w of stackWrites(ins)) if (w.bits === 32 && wasPending < 0) pendingStack = w.reg;
      if (pointers) {
        const [rsi, rdi] = pointers;
        const n = seen.length;
        let ok: boolean;
        if (rsi && rdi) ok = isRebase(seen[n - 1], seen[n - 2], 7) && isRebase(seen[n - 3], seen[n - 4], 6);
        else ok = isRebase(seen[n - 1], seen[n - 2], rdi ? 7 : 6);
        if (!ok) bad(pos, 'string instruction without pointer rebase');
        const count = rsi && rdi ? 3 : 1;
        dependent.add(pos);
        for (let k = 1; k <= count; k++) if (seen[n - k]) dependent.add(seen[n - k]!.pos);
      }
      const flow = ins.flow;
      if (flow === Flow.IndirectJmp || flow === Flow.IndirectCall) {
        const target = regOperands(ins)[0];
        const add = prev;
        const and = seen[seen.length - 2];
        const n = target?.reg ?? -1;
        const addOk = add?.mnemonic === 'add' && regOperands(add).some((r) => r.reg === n && r.bits === 64) &&
          regOperands(add).some((r) => r.reg === R15) && memOperands(add).length === 0;
        const andOk = and?.mnemonic === 'and' && regOperands(and).some((r) => r.reg === n && r.bits === 32) &&
          and.operands.some((o) => o.type === 'imm' && BigInt.asIntN(32, o.value) === -32n);
        if (!target || memOperands(ins).length > 0 || n === R15 || !addOk || !andOk) bad(pos, 'indirect branch not masked');
        dependent.add(pos);
        if (add) dependent.add(add.pos);
      } else if (flow === Flow.Ret || flow === Flow.Far) {
        bad(pos, 'return or far transfer');
      } else if (flow === Flow.Jmp || flow === Flow.Jcc || flow === Flow.Call || flow === Flow.Loop) {
        const rel = ins.operands.find((o) => o.type === 'rel');
        if (rel && rel.type === 'rel') targets.push([pos, rel.target]);
      }
      seen.push(ins);
      pos += ins.length;
    }
    if (pendingStack >= 0 && pos >= end) bad(end, 'stack register not rebased before the bundle end');
  }
  if (boundaries) {
    for (let i = 0; i < code.length; i++) {
      if (((boundaries[i >> 3]! >> (i & 7)) & 1) === 0) continue;
      if (!starts.has(i) || dependent.has(i)) bad(i, 'validator allows a jump to a non-boundary');
    }
  }
  for (const [from, to] of targets) {
    if (to % 32 === 0) continue;
    if (to < 0 || to >= code.length || !starts.has(to) || dependent.has(to)) bad(from, `direct branch to ${to}`);
  }
  return violations;
}
