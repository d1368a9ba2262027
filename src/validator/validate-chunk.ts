// The validator: splits the chunk into 32-byte bundles, walks each bundle instruction by
// instruction (fixed sequences first, then ordinary decoded instructions), applies the sandbox
// rules, and checks direct jump targets once the whole chunk has been seen.
import { decodeFast } from '../decoder/decode-fast.ts';
import { FORMS } from '../decoder/forms.ts';
import { Decoded, Feature, Flow, NaclFact, RIP, type Form } from '../decoder/types.ts';
import { newBitmap, setBit, testBit } from './bitmap.ts';
import { featureMask, NACL_POLICY_MASK } from './features.ts';
import { Message } from './messages.ts';
import { matchPrefixedNop } from './nops.ts';
import type { ValidateOptions } from './options.ts';
import { acceptedForm } from './prefix-policy.ts';
import { WrittenRegs, writtenRegs } from './register-writes.ts';
import type { ValidationError, ValidationResult } from './result.ts';
import { StringNeeds, stringOpNeeds } from './string-ops.ts';
import {
  indirectBranchIsCall, matchIndirectBranch, matchStackMove, matchStackRebase, matchStringRebase,
  type StackRebase,
} from './superinstructions.ts';

export const BUNDLE_SIZE = 32;
const NONE = -1;
const RSP = 4;
const RBP = 5;
const R15 = 15;

// Scratch records reused by every call (validation never re-enters itself).
const SHARED_DECODED = new Decoded();
const SHARED_WRITES = new WrittenRegs();

/** First bytes that can start a %rsp/%rbp rebase, and those that can start another fixed sequence. */
const REBASE_START = new Uint8Array(256);
const FIXED_START = new Uint8Array(256);
for (const b of [0x49, 0x4a, 0x4c]) REBASE_START[b] = 1;
for (const b of [0x41, 0x83, 0x42, 0x89, 0x8b, 0x48, 0x66]) FIXED_START[b] = 1;

/** Per-call state, kept in one object so the helpers stay small. */
class Walk {
  readonly errors: ValidationError[] = [];
  readonly warnings: ValidationError[] = [];
  readonly boundaries: Uint8Array;
  readonly jumpTargets: Uint8Array;
  /** Direct branches with an in-chunk destination: [from, to, from, to, ...]. */
  readonly jumps: number[] = [];
  readonly d = SHARED_DECODED;
  readonly writes = SHARED_WRITES;
  readonly rebase: StackRebase = { length: 0, reg: -1 };
  readonly allowed: Uint8Array;
  readonly deterministic: boolean;
  readonly callWarnings: boolean;
  /** Register the instruction just checked restricted (for the next one), or NONE. */
  nextRestricted = NONE;
  constructor(
    readonly code: Uint8Array,
    options: ValidateOptions,
  ) {
    this.boundaries = newBitmap(code.length);
    this.jumpTargets = newBitmap(code.length);
    this.allowed = options.features ? featureMask(options.features) : NACL_POLICY_MASK;
    this.deterministic = options.deterministic ?? true;
    this.callWarnings = options.callAlignmentWarnings ?? false;
  }
  error(offset: number, message: ValidationError['message']): void {
    this.errors.push({ offset, message });
  }
  callEnds(start: number, end: number): void {
    if (this.callWarnings && end % BUNDLE_SIZE !== 0) {
      this.warnings.push({ offset: start, message: Message.BadCallAlignment });
    }
  }
}

function sandboxingMessage(reg: number): ValidationError['message'] {
  return reg === RSP ? Message.RspSandboxing : Message.RbpSandboxing;
}

/** Validates a bundle-aligned chunk of code whose offsets start at 0. */
export function validateChunk(code: Uint8Array, options: ValidateOptions = {}): ValidationResult {
  const w = new Walk(code, options);
  const size = code.length;
  if (size % BUNDLE_SIZE !== 0) w.error(size - (size % BUNDLE_SIZE), Message.BadSize);
  for (let bundle = 0; bundle < size; bundle += BUNDLE_SIZE) {
    validateBundle(w, bundle, Math.min(bundle + BUNDLE_SIZE, size));
  }
  for (let i = 0; i < w.jumps.length; i += 2) {
    const to = w.jumps[i + 1]!;
    if (to % BUNDLE_SIZE !== 0 && !testBit(w.boundaries, to)) w.error(w.jumps[i]!, Message.BadJumpTarget);
  }
  return {
    valid: w.errors.length === 0,
    errors: w.errors,
    warnings: w.warnings,
    boundaries: w.boundaries,
    jumpTargets: w.jumpTargets,
  };
}

/** Walks one bundle; after an unrecognized instruction the rest of the bundle is skipped. */
function validateBundle(w: Walk, bundle: number, end: number): void {
  const code = w.code;
  let pos = bundle;
  // The register the previous instruction restricted (zero-extended 32-bit write), or NONE.
  let restricted = NONE;
  while (pos < end) {
    const start = pos;
    // Second half of a %rsp/%rbp update.
    const first = code[pos]!;
    const rebaseLength = REBASE_START[first] === 1 ? matchStackRebase(code, pos, end, w.rebase) : 0;
    if (rebaseLength > 0) {
      const reg = w.rebase.reg;
      if (restricted !== reg) {
        if (restricted === RSP || restricted === RBP) w.error(start, sandboxingMessage(restricted));
        w.error(start, sandboxingMessage(reg));
      }
      restricted = NONE;
      pos += rebaseLength;
      continue;
    }
    const length = (FIXED_START[first] === 1 && fixedSequence(w, pos, end)) || ordinaryInstruction(w, pos, end, restricted);
    if (length <= 0) {
      w.error(start, Message.Unrecognized);
      return;
    }
    if (restricted === RSP || restricted === RBP) w.error(start, sandboxingMessage(restricted));
    restricted = w.nextRestricted;
    pos += length;
  }
  if (restricted === RSP || restricted === RBP) w.error(end, sandboxingMessage(restricted));
}

/**
 * A fixed sequence at `pos` (nacljmp/naclcall, a string superinstruction, an allowed %rsp/%rbp
 * move, a prefixed long NOP): its length, or 0. Only its first byte is a jump target.
 */
function fixedSequence(w: Walk, pos: number, end: number): number {
  const code = w.code;
  let length = matchIndirectBranch(code, pos, end);
  if (length > 0) {
    if (indirectBranchIsCall(code, pos, length)) w.callEnds(pos, pos + length);
  } else {
    length = stringSequence(w, pos, end) || matchStackMove(code, pos, end) || matchPrefixedNop(code, pos, end);
    if (length === 0) return 0;
  }
  setBit(w.boundaries, pos);
  w.nextRestricted = NONE;
  return length;
}

/** `rsi-rebase [rdi-rebase] string-op` or `rdi-rebase string-op`: total length or 0. */
function stringSequence(w: Walk, pos: number, end: number): number {
  const code = w.code;
  const rsi = matchStringRebase(code, pos, end, 6);
  if (rsi > 0) {
    const rdi = matchStringRebase(code, pos + rsi, end, 7);
    if (rdi > 0) {
      const op = stringOp(w, pos + rsi + rdi, end, StringNeeds.RsiRdi);
      if (op > 0) return rsi + rdi + op;
    }
    const op = stringOp(w, pos + rsi, end, StringNeeds.Rsi);
    return op > 0 ? rsi + op : 0;
  }
  const rdi = matchStringRebase(code, pos, end, 7);
  if (rdi === 0) return 0;
  const op = stringOp(w, pos + rdi, end, StringNeeds.Rdi);
  return op > 0 ? rdi + op : 0;
}

/** The feature NaCl's policy checks for a form: tzcnt is allowed whatever the CPU (it runs as bsf). */
function policyFeature(form: Form): number {
  return form.mnemonic === 'tzcnt' ? Feature.None : form.feature;
}

function stringOp(w: Walk, pos: number, end: number, needs: StringNeeds): number {
  const d = w.d;
  const n = decodeFast(w.code, pos, end, d);
  if (n <= 0 || stringOpNeeds(d) !== needs) return 0;
  const form = FORMS[d.form]!;
  if (NACL_POLICY_MASK[form.feature] === 0 || w.allowed[form.feature] === 0) return 0;
  return n;
}

/** Checks one decoded ordinary instruction; returns its length, or -1 when NaCl refuses it. */
function ordinaryInstruction(w: Walk, pos: number, end: number, restricted: number): number {
  const d = w.d;
  const n = decodeFast(w.code, pos, end, d);
  if (n <= 0) return -1;
  const form = FORMS[d.form]!;
  if (!acceptedForm(d, form)) return -1;
  // Features off in NaCl's policy are known to the grammar: the instruction is reported but the
  // walk goes on after it (unlike bytes the grammar does not know).
  const feature = policyFeature(form);
  if (NACL_POLICY_MASK[feature] === 0 || (w.deterministic && feature === Feature.TSC)) {
    w.error(pos, Message.Unrecognized);
  } else if (w.allowed[feature] === 0) {
    w.error(pos, Message.CpuFeature);
  }
  let jumpTarget = true;
  if (d.hasMem && (form.nacl & NaclFact.NoMemoryAccess) === 0) {
    const base = d.memBase;
    if (base === R15 || base === RSP || base === RBP || base === RIP) {
      if (d.memIndex >= 0) {
        // Using the restricted register binds this instruction to the previous one.
        if (d.memIndex === restricted) jumpTarget = false;
        else w.error(pos, Message.BadIndex);
      }
    } else {
      w.error(pos, Message.BadBase);
    }
  }
  w.nextRestricted = registerWrites(w, pos, d, form.nacl);
  directBranch(w, pos, n, form.flow);
  if (jumpTarget) setBit(w.boundaries, pos);
  return n;
}

/**
 * Reports writes to %r15, %rsp and %rbp, and returns the register this instruction restricts:
 * a 32-bit write by a zero-extending form (for two such writes, as in xchg/xadd, the ModRM.rm or
 * opcode-register operand; a second one naming %esp/%ebp is an "improper sandboxing").
 */
function registerWrites(w: Walk, pos: number, d: Decoded, nacl: number): number {
  const r = w.writes;
  const count = writtenRegs(d, FORMS[d.form]!, r);
  // An exchange with memory (xchg/xadd) does not zero-extend its register (issues 3071/3077).
  const zeroExtends = (nacl & NaclFact.ZeroExtends) !== 0 && !r.writesMemory;
  let chosen = -1;
  if (zeroExtends) {
    for (let i = 0; i < count; i++) {
      if (r.bits[i] !== 32 || r.reg[i] === R15) continue;
      if (chosen < 0 || (r.rmSlot[i] === 1 && r.rmSlot[chosen] === 0)) chosen = i;
    }
  }
  let r15 = false;
  let sp = false;
  let bp = false;
  for (let i = 0; i < count; i++) {
    const reg = r.reg[i]!;
    if (reg === R15) {
      if (!r15) w.error(pos, Message.R15Changed);
      r15 = true;
    } else if ((reg === RSP || reg === RBP) && r.highByte[i] === 0) {
      if (zeroExtends && r.bits[i] === 32) {
        if (i !== chosen) w.error(pos, sandboxingMessage(reg));
      } else if (reg === RSP) {
        if (!sp) w.error(pos, Message.SpChanged);
        sp = true;
      } else {
        if (!bp) w.error(pos, Message.BpChanged);
        bp = true;
      }
    }
  }
  return chosen >= 0 ? r.reg[chosen]! : NONE;
}

/** Records a direct branch's destination; one outside the chunk must be bundle-aligned. */
function directBranch(w: Walk, pos: number, length: number, flow: number): void {
  if (flow !== Flow.Jmp && flow !== Flow.Jcc && flow !== Flow.Call && flow !== Flow.Loop) return;
  const to = pos + length + w.d.rel;
  if (to >= 0 && to < w.code.length) {
    setBit(w.jumpTargets, to);
    w.jumps.push(pos, to);
  } else if ((to & (BUNDLE_SIZE - 1)) !== 0) {
    w.error(pos, Message.JumpOutOfRange);
  }
  if (flow === Flow.Call) w.callEnds(pos, pos + length);
}
