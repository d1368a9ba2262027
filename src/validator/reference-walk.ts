// The reference walk of one bundle: every ordinary instruction is decoded and summarised exactly
// (instruction-summary.ts). It is the readable statement of the rules; fast-walk.ts must agree
// with it on everything (the tests cross-check the two).
import { summarize } from './instruction-summary.ts';
import { Message } from './messages.ts';
import { FIXED_START, fixedSequence, REBASE_START } from './fixed-sequences.ts';
import { matchStackRebase } from './superinstructions.ts';
import { checkRebase, checkSummary, checkUnrebased, NONE, type Walk } from './walk.ts';

/** Walks one bundle; after an unrecognized instruction the rest of the bundle is skipped. */
export function walkBundleReference(w: Walk, bundle: number, end: number): void {
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
      checkRebase(w, start, restricted, w.rebase.reg);
      restricted = NONE;
      pos += rebaseLength;
      continue;
    }
    const length = (FIXED_START[first] === 1 && fixedSequence(w, pos, end)) || ordinaryInstruction(w, pos, end, restricted);
    if (length <= 0) {
      w.error(start, Message.Unrecognized);
      return;
    }
    checkUnrebased(w, start, restricted);
    restricted = w.nextRestricted;
    pos += length;
  }
  checkUnrebased(w, end, restricted);
}

/** Checks one ordinary instruction; returns its length, or -1 when NaCl refuses it. */
function ordinaryInstruction(w: Walk, pos: number, end: number, restricted: number): number {
  const s = w.summary;
  if (!summarize(w.code, pos, end, w.d, w.writes, s)) return -1;
  return checkSummary(w, pos, restricted, s);
}
