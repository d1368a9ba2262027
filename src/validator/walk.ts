// Per-call state of a validation walk and the rule checks both walkers share (the reference walk
// in reference-walk.ts and the fast one in fast-walk.ts): errors, jump targets, CPU features,
// register-write errors, and the rules applied to an exactly computed instruction summary.
import { Decoded, Feature } from '../decoder/types.ts';
import { newBitmap, setBit } from './bitmap.ts';
import { featureMask, NACL_POLICY_MASK } from './features.ts';
import { Branch, Mem, Summary, WriteError } from './instruction-summary.ts';
import { Message } from './messages.ts';
import type { ValidateOptions } from './options.ts';
import { WrittenRegs } from './register-writes.ts';
import type { ValidationError } from './result.ts';
import type { StackRebase } from './superinstructions.ts';

export const BUNDLE_SIZE = 32;
export const NONE = -1;
export const RSP = 4;
export const RBP = 5;

// Scratch records reused by every call (validation never re-enters itself).
const SHARED_DECODED = new Decoded();
const SHARED_WRITES = new WrittenRegs();
const SHARED_SUMMARY = new Summary();

/** Per-call state, kept in one object so the helpers stay small. */
export class Walk {
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
  /** Per Feature: what an instruction needing it gets under these options (FeatureVerdict). */
  readonly featureVerdicts: Uint8Array;
  readonly deterministic: boolean;
  readonly callWarnings: boolean;
  /** ValidateOptions.verdictOnly: the walk ends at the bundle of the first error. */
  readonly verdictOnly: boolean;
  /** Set by the first error when verdictOnly; the walks stop before their next bundle. */
  stopped = false;
  readonly summary = SHARED_SUMMARY;
  /** The fast walk (shape tables) rather than the reference walk (exact decoding throughout). */
  readonly fast: boolean;
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
    this.featureVerdicts = featureVerdicts(options.features, this.deterministic);
    this.callWarnings = options.callAlignmentWarnings ?? false;
    this.fast = options.cache ?? true;
    this.verdictOnly = options.verdictOnly ?? false;
  }
  error(offset: number, message: ValidationError['message']): void {
    if (this.stopped) return;
    this.errors.push({ offset, message });
    this.stopped = this.verdictOnly;
  }
  callEnds(start: number, end: number): void {
    if (this.callWarnings && end % BUNDLE_SIZE !== 0) {
      this.warnings.push({ offset: start, message: Message.BadCallAlignment });
    }
  }
}

export function sandboxingMessage(reg: number): ValidationError['message'] {
  return reg === RSP ? Message.RspSandboxing : Message.RbpSandboxing;
}

/** The rules for an ordinary instruction summarised exactly; returns its length or -1. */
/** %rsp/%rbp left restricted where the next instruction is not its rebase: the error at `pos`. */
export function checkUnrebased(w: Walk, pos: number, restricted: number): void {
  if (restricted === RSP || restricted === RBP) w.error(pos, sandboxingMessage(restricted));
}

/** A %rsp/%rbp rebase of `reg` at `pos`: it must follow the restriction of that same register. */
export function checkRebase(w: Walk, pos: number, restricted: number, reg: number): void {
  if (restricted === reg) return;
  checkUnrebased(w, pos, restricted);
  w.error(pos, sandboxingMessage(reg));
}

export function checkSummary(w: Walk, pos: number, restricted: number, s: Summary): number {
  if (s.rejected) return -1;
  checkFeature(w, pos, s.feature);
  let jumpTarget = true;
  if (s.mem === Mem.BadBase) {
    w.error(pos, Message.BadBase);
  } else if (s.mem === Mem.Ok) {
    const index = s.memIndex;
    // Using the restricted register binds this instruction to the previous one.
    if (index === restricted && index >= 0) jumpTarget = false;
    else if (index >= 0) w.error(pos, Message.BadIndex);
  }
  if (s.writeErrors !== 0) writeErrors(w, pos, s.writeErrors);
  w.nextRestricted = s.restricts;
  if (s.branch !== Branch.None) directBranch(w, pos, s.length, s.branch === Branch.Call, s.rel);
  if (jumpTarget) setBit(w.boundaries, pos);
  return s.length;
}

/** What the rules say of an instruction's CPU feature. */
export const FeatureVerdict = { Ok: 0, Unrecognized: 1, Missing: 2 } as const;

/**
 * Features off in NaCl's policy (and rdtsc under the determinism policy) are known to the grammar
 * but refused: "unrecognized", and the walk goes on after them (unlike bytes the grammar does not
 * know). Features in the policy but not in `features` are "required CPU feature not found".
 */
function computeFeatureVerdicts(features: readonly Feature[] | undefined, deterministic: boolean): Uint8Array {
  const allowed = features ? featureMask(features) : NACL_POLICY_MASK;
  const verdicts = new Uint8Array(64);
  for (let f = 1; f < 64; f++) {
    if (NACL_POLICY_MASK[f] === 0 || (deterministic && f === Feature.TSC)) verdicts[f] = FeatureVerdict.Unrecognized;
    else if (allowed[f] === 0) verdicts[f] = FeatureVerdict.Missing;
  }
  return verdicts;
}

// Verdict tables per options, so that small chunks (batch mode) do not rebuild them.
const defaultVerdicts = [computeFeatureVerdicts(undefined, false), computeFeatureVerdicts(undefined, true)] as const;
const verdictCache = new WeakMap<readonly Feature[], Uint8Array[]>();

function featureVerdicts(features: readonly Feature[] | undefined, deterministic: boolean): Uint8Array {
  if (!features) return defaultVerdicts[deterministic ? 1 : 0];
  let pair = verdictCache.get(features);
  if (!pair) verdictCache.set(features, (pair = []));
  return (pair[deterministic ? 1 : 0] ??= computeFeatureVerdicts(features, deterministic));
}

/** Reports the instruction at `pos` if its feature is refused under the walk's options. */
export function checkFeature(w: Walk, pos: number, feature: number): void {
  const verdict = w.featureVerdicts[feature];
  if (verdict === FeatureVerdict.Unrecognized) w.error(pos, Message.Unrecognized);
  else if (verdict === FeatureVerdict.Missing) w.error(pos, Message.CpuFeature);
}

export function writeErrors(w: Walk, pos: number, e: number): void {
  if (e & WriteError.R15) w.error(pos, Message.R15Changed);
  if (e & WriteError.Sp) w.error(pos, Message.SpChanged);
  if (e & WriteError.Bp) w.error(pos, Message.BpChanged);
  if (e & WriteError.RspSandboxing) w.error(pos, Message.RspSandboxing);
  if (e & WriteError.RbpSandboxing) w.error(pos, Message.RbpSandboxing);
}

/** Records a direct branch's destination; one outside the chunk must be bundle-aligned. */
export function directBranch(w: Walk, pos: number, length: number, call: boolean, rel: number): void {
  const to = pos + length + rel;
  if (to >= 0 && to < w.code.length) {
    setBit(w.jumpTargets, to);
    w.jumps.push(pos, to);
  } else if ((to & (BUNDLE_SIZE - 1)) !== 0) {
    w.error(pos, Message.JumpOutOfRange);
  }
  if (call) w.callEnds(pos, pos + length);
}
