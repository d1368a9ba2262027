// The validator: splits the chunk into 32-byte bundles, walks each bundle instruction by
// instruction (fixed sequences first, then ordinary decoded instructions), applies the sandbox
// rules, and checks direct jump targets once the whole chunk has been seen.
import { decodeFast } from '../decoder/decode-fast.ts';
import { FORMS } from '../decoder/forms.ts';
import { Decoded, Feature } from '../decoder/types.ts';
import { newBitmap, setBit, testBit } from './bitmap.ts';
import { featureMask, NACL_POLICY_MASK } from './features.ts';
import { Message } from './messages.ts';
import { matchPrefixedNop } from './nops.ts';
import type { ValidateOptions } from './options.ts';
import { CACHE, Field, FIELD_COUNT, findEntry, storeEntry, writeEntry } from './instruction-cache.ts';
import { Branch, Mem, Summary, summarize, WriteError } from './instruction-summary.ts';
import { WrittenRegs } from './register-writes.ts';
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

// Scratch records reused by every call (validation never re-enters itself).
const SHARED_DECODED = new Decoded();
const SHARED_WRITES = new WrittenRegs();
const SHARED_SUMMARY = new Summary();
const SHARED_SCRATCH = new Int32Array(FIELD_COUNT);

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
  readonly summary = SHARED_SUMMARY;
  /** One entry's worth of fields for instructions the cache cannot hold. */
  readonly scratch = SHARED_SCRATCH;
  readonly useCache: boolean;
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
    this.useCache = options.cache ?? true;
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
  let length = 0;
  switch (code[pos]) {
    case 0x41:
    case 0x83:
      length = matchIndirectBranch(code, pos, end);
      if (length > 0 && indirectBranchIsCall(code, pos, length)) w.callEnds(pos, pos + length);
      break;
    case 0x42:
    case 0x89:
    case 0x8b:
      length = stringSequence(w, pos, end);
      break;
    case 0x48:
      length = matchStackMove(code, pos, end);
      break;
    case 0x66:
      length = matchPrefixedNop(code, pos, end);
      break;
  }
  if (length === 0) return 0;
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

function stringOp(w: Walk, pos: number, end: number, needs: StringNeeds): number {
  const d = w.d;
  const n = decodeFast(w.code, pos, end, d);
  if (n <= 0 || stringOpNeeds(d) !== needs) return 0;
  const form = FORMS[d.form]!;
  if (NACL_POLICY_MASK[form.feature] === 0 || w.allowed[form.feature] === 0) return 0;
  return n;
}

/** Checks one ordinary instruction; returns its length, or -1 when NaCl refuses it. */
function ordinaryInstruction(w: Walk, pos: number, end: number, restricted: number): number {
  const code = w.code;
  let fields = CACHE;
  let f = w.useCache ? findEntry(code, pos, end) : -1;
  if (f < 0) {
    const s = w.summary;
    if (!summarize(code, pos, end, w.d, w.writes, s)) return -1;
    f = w.useCache ? storeEntry(code, pos, s) : -1;
    if (f < 0) {
      fields = w.scratch;
      f = 0;
      writeEntry(fields, 0, s);
    }
  }
  if (fields[f + Field.Rejected] === 1) return -1;
  const length = fields[f + Field.Length]!;
  // Features off in NaCl's policy are known to the grammar: the instruction is reported but the
  // walk goes on after it (unlike bytes the grammar does not know).
  const feature = fields[f + Field.Feature]!;
  if (feature !== Feature.None) {
    if (NACL_POLICY_MASK[feature] === 0 || (w.deterministic && feature === Feature.TSC)) {
      w.error(pos, Message.Unrecognized);
    } else if (w.allowed[feature] === 0) {
      w.error(pos, Message.CpuFeature);
    }
  }
  let jumpTarget = true;
  const mem = fields[f + Field.Mem];
  if (mem === Mem.BadBase) {
    w.error(pos, Message.BadBase);
  } else if (mem === Mem.Ok) {
    const index = fields[f + Field.MemIndex]!;
    // Using the restricted register binds this instruction to the previous one.
    if (index === restricted && index >= 0) jumpTarget = false;
    else if (index >= 0) w.error(pos, Message.BadIndex);
  }
  const e = fields[f + Field.WriteErrors]!;
  if (e !== 0) {
    if (e & WriteError.R15) w.error(pos, Message.R15Changed);
    if (e & WriteError.Sp) w.error(pos, Message.SpChanged);
    if (e & WriteError.Bp) w.error(pos, Message.BpChanged);
    if (e & WriteError.RspSandboxing) w.error(pos, Message.RspSandboxing);
    if (e & WriteError.RbpSandboxing) w.error(pos, Message.RbpSandboxing);
  }
  w.nextRestricted = fields[f + Field.Restricts]!;
  const branch = fields[f + Field.Branch];
  if (branch !== Branch.None) directBranch(w, pos, length, branch === Branch.Call, fields[f + Field.Rel]!);
  if (jumpTarget) w.boundaries[pos >>> 3]! |= 1 << (pos & 7);
  return length;
}

/** Records a direct branch's destination; one outside the chunk must be bundle-aligned. */
function directBranch(w: Walk, pos: number, length: number, call: boolean, rel: number): void {
  const to = pos + length + rel;
  if (to >= 0 && to < w.code.length) {
    setBit(w.jumpTargets, to);
    w.jumps.push(pos, to);
  } else if ((to & (BUNDLE_SIZE - 1)) !== 0) {
    w.error(pos, Message.JumpOutOfRange);
  }
  if (call) w.callEnds(pos, pos + length);
}
