// The fast walk of one bundle: the same rules as reference-walk.ts, without decoding.
// 1. A table indexed by an instruction's first two bytes (PAIR_STATE) answers most instructions
//    with one load: for a header of at most two bytes (the opcode, or opcode + ModRM) the whole
//    summary is packed in the entry; other entries say "may start a fixed sequence" or "general".
// 2. General: the header scanner and the shape table (shape-cache.ts).
// 3. Anything the scanner does not handle goes to the exact path (summarize), which also fills
//    the two tables. Nothing is hand-written per opcode: the tables learn from the exact path.
import { Branch, Mem, summarize } from './instruction-summary.ts';
import { Message } from './messages.ts';
import { fixedSequence } from './fixed-sequences.ts';
import {
  Entry, EntryFlag, headerWord, readRel, scanHeader, shapeSlot, SHAPES, storeShape, suffixKey, WAY2,
} from './shape-cache.ts';
import { matchStackRebase } from './superinstructions.ts';
import { checkFeature, checkSummary, directBranch, NONE, RBP, RSP, sandboxingMessage, writeErrors, type Walk } from './walk.ts';

/** PAIR_STATE entry kinds (bits 0-1). */
const State = { Unknown: 0, Direct: 1, Fixed: 2, General: 3 } as const;
/**
 * Direct entries: bits 2-5 length, 6-10 restricted register + 1, 11-12 Mem, 13-17 memory index
 * + 1, 18-19 Branch, 20-23 immediate size, 24-29 feature. Fixed entries: bit 2 set for a
 * %rsp/%rbp rebase, clear for another fixed sequence.
 */
export const PAIR_STATE = new Int32Array(65536);

/**
 * First two bytes that may start a fixed sequence: a superset of what superinstructions.ts and
 * nops.ts match (the first two bytes of each of their patterns).
 */
function fixedPairs(rebase: boolean, first: number, seconds: readonly number[]): void {
  for (const s of seconds) PAIR_STATE[(first << 8) | s] = State.Fixed | (rebase ? 4 : 0);
}
fixedPairs(true, 0x4c, [0x01, 0x09]); // add/or %r15,%rsp|%rbp
fixedPairs(true, 0x49, [0x03, 0x0b]);
fixedPairs(true, 0x4a, [0x8d]); // lea (%rsp|%rbp,%r15,1)
fixedPairs(false, 0x41, [0x83]); // nacljmp/naclcall, r8..r14
fixedPairs(false, 0x83, [0xe0, 0xe1, 0xe2, 0xe3, 0xe4, 0xe5, 0xe6, 0xe7]);
fixedPairs(false, 0x42, [0x89, 0x8b]); // string rebases
fixedPairs(false, 0x89, [0xf6, 0xff]);
fixedPairs(false, 0x8b, [0xf6, 0xff]);
fixedPairs(false, 0x48, [0x89, 0x8b, 0x83]); // %rsp/%rbp moves, and $-N,%rsp
fixedPairs(false, 0x66, [0x0f, 0x66, 0x2e]); // prefixed long NOPs

/** Walks one bundle; after an unrecognized instruction the rest of the bundle is skipped. */
export function walkBundleFast(w: Walk, bundle: number, end: number): void {
  const code = w.code;
  const boundaries = w.boundaries;
  let pos = bundle;
  // The register the previous instruction restricted (zero-extended 32-bit write), or NONE.
  let restricted = NONE;
  while (pos < end) {
    const key = pos + 1 < end ? (code[pos]! << 8) | code[pos + 1]! : -1;
    const state = key >= 0 ? PAIR_STATE[key]! : State.General;
    if ((state & 3) === State.Direct) {
      const length = (state >>> 2) & 15;
      if (pos + length <= end) {
        if (restricted === RSP || restricted === RBP) w.error(pos, sandboxingMessage(restricted));
        let jumpTarget = true;
        if ((state & 0x3f0c1800) !== 0) {
          // Memory operand, branch or feature: the rules of checkShape.
          const feature = state >>> 24;
          if (feature !== 0) checkFeature(w, pos, feature);
          const mem = (state >>> 11) & 3;
          if (mem === Mem.BadBase) {
            w.error(pos, Message.BadBase);
          } else if (mem === Mem.Ok) {
            const index = ((state >>> 13) & 31) - 1;
            if (index === restricted && index >= 0) jumpTarget = false;
            else if (index >= 0) w.error(pos, Message.BadIndex);
          }
          const branch = (state >>> 18) & 3;
          if (branch !== Branch.None) {
            const immSize = (state >>> 20) & 15;
            directBranch(w, pos, length, branch === Branch.Call, readRel(code, pos + length - immSize, immSize));
          }
        }
        if (jumpTarget) boundaries[pos >>> 3]! |= 1 << (pos & 7);
        restricted = ((state >>> 6) & 31) - 1;
        pos += length;
        continue;
      }
    }
    const start = pos;
    let length = 0;
    if ((state & 3) === State.Fixed) {
      if ((state & 4) !== 0) {
        const rebaseLength = matchStackRebase(code, pos, end, w.rebase);
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
      } else {
        length = fixedSequence(w, pos, end);
      }
    }
    if (length === 0) length = generalInstruction(w, pos, end, restricted, state === State.Unknown ? key : -1);
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
 * Checks one ordinary instruction through the shape table (or the exact path); returns its length,
 * or -1 when NaCl refuses it. `learnKey` >= 0: the PAIR_STATE entry to fill from the answer.
 */
function generalInstruction(w: Walk, pos: number, end: number, restricted: number, learnKey: number): number {
  const code = w.code;
  const header = scanHeader(code, pos, end);
  let e = header >= 0 ? findShape(code, pos, header) : -1;
  if (e < 0) {
    const s = w.summary;
    if (!summarize(code, pos, end, w.d, w.writes, s)) return -1;
    if (header >= 0) e = storeShape(code, pos, header, w.d, s);
    if (e < 0) {
      if (learnKey >= 0 && header < 0 && pos + 16 <= end) PAIR_STATE[learnKey] = State.General;
      return checkSummary(w, pos, restricted, s);
    }
  }
  if (learnKey >= 0) learnPair(learnKey, header, e);
  const length = SHAPES[e + Entry.Length]!;
  if (pos + length > end) return -1; // truncated by the bundle end (the exact path refuses it too)
  const flags = SHAPES[e + Entry.Flags]!;
  if (flags === 0) {
    w.nextRestricted = SHAPES[e + Entry.Restricts]!;
    w.boundaries[pos >>> 3]! |= 1 << (pos & 7);
    return length;
  }
  return (flags & EntryFlag.Rejected) !== 0 ? -1 : checkShape(w, pos, restricted, e, length);
}

/**
 * Fills PAIR_STATE[key] from a shape entry: Direct when the header is at most the two key bytes
 * (then every instruction starting with them has this summary) and nothing beyond the packed
 * fields needs checking, else General.
 */
function learnPair(key: number, header: number, e: number): void {
  const h = header & 15;
  const flags = SHAPES[e + Entry.Flags]!;
  if (h > 2 || header >= 0x10000 || (flags & EntryFlag.Rejected) !== 0 || SHAPES[e + Entry.WriteErrors] !== 0) {
    PAIR_STATE[key] = State.General;
    return;
  }
  PAIR_STATE[key] = State.Direct | (SHAPES[e + Entry.Length]! << 2) | ((SHAPES[e + Entry.Restricts]! + 1) << 6) |
    (SHAPES[e + Entry.Mem]! << 11) | ((SHAPES[e + Entry.MemIndex]! + 1) << 13) | (SHAPES[e + Entry.Branch]! << 18) |
    (SHAPES[e + Entry.ImmSize]! << 20) | (SHAPES[e + Entry.Feature]! << 24);
}

/** Offset in SHAPES of the entry for the scanned header at `pos`, or -1. */
function findShape(code: Uint8Array, pos: number, header: number): number {
  const h = header & 15;
  let k0: number;
  let k1 = 0;
  if (pos + 8 <= code.length) {
    const lo = code[pos]! | (code[pos + 1]! << 8) | (code[pos + 2]! << 16) | (code[pos + 3]! << 24);
    if (h >= 4) {
      k0 = lo;
      if (h > 4) {
        const hi = code[pos + 4]! | (code[pos + 5]! << 8) | (code[pos + 6]! << 16) | (code[pos + 7]! << 24);
        k1 = h === 8 ? hi : hi & ((1 << ((h - 4) << 3)) - 1);
      }
    } else {
      k0 = lo & ((1 << (h << 3)) - 1);
    }
  } else {
    k0 = headerWord(code, pos, h < 4 ? h : 4);
    if (h > 4) k1 = headerWord(code, pos + 4, h - 4);
  }
  const suffix = header < 0x10000 ? 0 : suffixKey(code, pos, header);
  const s = shapeSlot(k0, k1, h | (suffix << 4));
  if (SHAPES[s + Entry.Key0] === k0 && SHAPES[s + Entry.HeaderLength] === h && SHAPES[s + Entry.Key1] === k1 &&
    SHAPES[s + Entry.Suffix] === suffix) return s;
  const t = s + WAY2;
  return SHAPES[t + Entry.Key0] === k0 && SHAPES[t + Entry.HeaderLength] === h && SHAPES[t + Entry.Key1] === k1 &&
    SHAPES[t + Entry.Suffix] === suffix ? t : -1;
}

/** The rules for an instruction whose shape entry is SHAPES[e..] (as checkSummary does). */
function checkShape(w: Walk, pos: number, restricted: number, e: number, length: number): number {
  const feature = SHAPES[e + Entry.Feature]!;
  if (feature !== 0) checkFeature(w, pos, feature);
  let jumpTarget = true;
  const mem = SHAPES[e + Entry.Mem];
  if (mem === Mem.BadBase) {
    w.error(pos, Message.BadBase);
  } else if (mem === Mem.Ok) {
    const index = SHAPES[e + Entry.MemIndex]!;
    if (index === restricted && index >= 0) jumpTarget = false;
    else if (index >= 0) w.error(pos, Message.BadIndex);
  }
  const errors = SHAPES[e + Entry.WriteErrors]!;
  if (errors !== 0) writeErrors(w, pos, errors);
  w.nextRestricted = SHAPES[e + Entry.Restricts]!;
  const branch = SHAPES[e + Entry.Branch];
  if (branch !== Branch.None) {
    const immSize = SHAPES[e + Entry.ImmSize]!;
    directBranch(w, pos, length, branch === Branch.Call, readRel(w.code, pos + length - immSize, immSize));
  }
  if (jumpTarget) w.boundaries[pos >>> 3]! |= 1 << (pos & 7);
  return length;
}
