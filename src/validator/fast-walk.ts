// The fast walk of a chunk: the same rules as reference-walk.ts, without decoding.
// 1. A trie over header bytes (STATES) answers most instructions with one load per header byte:
//    its leaves hold the summary packed in one int, a whole fixed sequence (EXACT), or say "may
//    start a fixed sequence" (the matchers decide) or "general".
// 2. General: the header scanner and the shape table (shape-cache.ts).
// 3. Anything the scanner does not handle goes to the exact path (summarize), which also fills
//    the two tables. Nothing is hand-written per opcode: the tables learn from the exact path.
import { FORM_LAYOUT, FormLayout } from '../decoder/dispatch-tables.ts';
import { OpMap } from '../decoder/types.ts';
import { Branch, Mem, summarize } from './instruction-summary.ts';
import { Message } from './messages.ts';
import { fixedSequence } from './fixed-sequences.ts';
import { clearShapes, Entry, EntryFlag, findShape, readRel, scanHeader, SHAPES, storeShape } from './shape-cache.ts';
import { indirectBranchIsCall, matchIndirectBranch, matchStackRebase, type StackRebase } from './superinstructions.ts';
import { checkFeature, checkRebase, checkSummary, checkUnrebased, directBranch, BUNDLE_SIZE, NONE, RBP, RSP, writeErrors, type Walk } from './walk.ts';

/** Kinds of a STATES entry (bits 0-1); a negative entry is a node: -(its first slot). */
const State = { Unknown: 0, Direct: 1, Fixed: 2, General: 3 } as const;
/**
 * A trie over instruction headers, learnt from the exact path. Slots 0..255 are the root, indexed
 * by the first byte; a node (256 slots) continues a header by its next byte. A leaf is
 * Direct: the summary packed (bits 2-5 length, 6-10 restricted register + 1, 11-12 Mem, 13-17
 * memory index + 1, 18-19 Branch, 20-23 immediate size, 24-29 feature, 30 SUFFIX_OPCODE); Fixed:
 * the bytes start a fixed sequence, or may (see the Fixed-leaf bits below); General: ask the shape table.
 */
const ROOT_SLOTS = 256;
/**
 * A Direct leaf of an unprefixed 3DNow! header: the opcode is the instruction's last byte and gives
 * the feature (NOW3D_FEATURE); every 3DNow! opcode has the same operands, so the rest of the
 * summary holds for all of them, and an undefined opcode goes to the exact path.
 */
const SUFFIX_OPCODE = 1 << 30;
const UNDEFINED_OPCODE = 255;
const NOW3D_FEATURE = new Uint8Array(256).fill(UNDEFINED_OPCODE);
for (const layout of FORM_LAYOUT) {
  if (((layout >> FormLayout.MapShift) & 15) === OpMap.Now3D) NOW3D_FEATURE[layout & 255] = layout >>> FormLayout.FeatureShift;
}
export const TRIE_MAX_NODES = 1024;
const STATES = new Int32Array(ROOT_SLOTS + TRIE_MAX_NODES * 256);
let nodeCount = 0;
/** A header found no free node: the trie is emptied before the next chunk (validateChunk). */
let trieFull = false;

/** Nodes in use (for tests and the benchmark). */
export function trieNodeCount(): number {
  return nodeCount;
}

function newNode(): number {
  if (nodeCount === TRIE_MAX_NODES) {
    trieFull = true;
    return -1;
  }
  return ROOT_SLOTS + 256 * nodeCount++;
}

/**
 * Marks the byte strings that may start a fixed sequence: each byte position takes any of the
 * listed values. Together a superset of what superinstructions.ts and nops.ts match (the first two
 * or three bytes of each of their patterns).
 */
function fixedStart(rebase: boolean, ...bytes: (readonly number[])[]): void {
  const mark = (slot: number, depth: number): void => {
    if (depth === bytes.length) {
      STATES[slot] = State.Fixed | (rebase ? REBASE : 0);
      return;
    }
    if (STATES[slot] === State.Unknown) STATES[slot] = -newNode();
    for (const b of bytes[depth]!) mark(-STATES[slot]! + b, depth + 1);
  };
  for (const b0 of bytes[0]!) mark(b0, 1);
}

/**
 * Fixed-leaf bits. REBASE: may start a %rsp/%rbp rebase (matchStackRebase decides). EXACT: the trie
 * path is a whole sequence, with its length in bits 6-9 and its kind: EXACT_REBASE (EXACT_RBP: of
 * %rbp, else %rsp) or another superinstruction (EXACT_CALL: a naclcall).
 */
const REBASE = 4;
const EXACT = 8;
const EXACT_REBASE = 16;
const EXACT_RBP = 32;
const EXACT_CALL = 32;

/**
 * Makes `bytes` a whole trie path ending in an EXACT leaf when the matcher of superinstructions.ts
 * accepts exactly these bytes (else leaves the trie alone). Fixed leaves met on the way become
 * nodes whose other slots keep the leaf, so every other continuation still reaches the matcher.
 */
function exactSequence(bytes: readonly number[]): void {
  const code = Uint8Array.from(bytes);
  const found: StackRebase = { length: 0, reg: -1 };
  let leaf: number;
  if (matchStackRebase(code, 0, code.length, found) === code.length) {
    leaf = EXACT_REBASE | (found.reg === RBP ? EXACT_RBP : 0);
  } else if (matchIndirectBranch(code, 0, code.length) === code.length) {
    leaf = indirectBranchIsCall(code, 0, code.length) ? EXACT_CALL : 0;
  } else {
    return;
  }
  insertExactPath(code, 0, code.length, leaf);
}

/**
 * Makes the `length` bytes at `pos` a trie path ending in an EXACT leaf of kind `leaf`. Leaves met on
 * the way become nodes whose every slot keeps the leaf (what it says holds for any longer byte string).
 */
function insertExactPath(code: Uint8Array, pos: number, length: number, leaf: number): void {
  let slot = code[pos]!;
  for (let depth = 1; depth < length; depth++) {
    const state = STATES[slot]!;
    if (state >= 0) {
      const node = newNode();
      if (node < 0) return;
      STATES.fill(state, node, node + 256);
      STATES[slot] = -node;
    }
    slot = -STATES[slot]! + code[pos + depth]!;
  }
  STATES[slot] = State.Fixed | EXACT | leaf | (length << 6);
}

/**
 * A string superinstruction fixedSequence matched at `pos` becomes a whole trie path, so its next
 * occurrence needs no matcher. Only those ending in a legacy string opcode (a4..af: no CPU feature,
 * so the match holds under any options); mask moves stay with the matcher.
 */
function learnStringSequence(code: Uint8Array, pos: number, length: number): void {
  const lead = code[pos];
  const op = code[pos + length - 1]!;
  if ((lead === 0x89 || lead === 0x8b || lead === 0x42) && op >= 0xa4 && op <= 0xaf && length < 16) insertExactPath(code, pos, length, 0);
}

/** The one-byte NOP and its leaf (what the exact path would teach the trie: length 1, nothing to check). */
const NOP = 0x90;
const NOP_LEAF = State.Direct | (1 << 2);

/** Empties the trie and marks the fixed-sequence starts again. */
function resetTrie(): void {
  STATES.fill(0, 0, ROOT_SLOTS + nodeCount * 256); // the part in use
  nodeCount = 0;
  trieFull = false;
  STATES[NOP] = NOP_LEAF;
  const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);
  // %rsp/%rbp rebases: add/or %r15,%rsp|%rbp (both directions), lea (%rsp|%rbp,%r15,1)
  fixedStart(true, [0x4c], [0x01, 0x09], [0xfc, 0xfd]);
  fixedStart(true, [0x49], [0x03, 0x0b], [0xe7, 0xef]);
  fixedStart(true, [0x4a], [0x8d], [0x24, 0x64, 0x6c, 0xa4, 0xac]);
  // nacljmp/naclcall: and $-32,%eN (r8..r14 with 41)
  fixedStart(false, [0x41], [0x83], range(0xe0, 0xe7));
  fixedStart(false, [0x83], range(0xe0, 0xe7), [0xe0]);
  // string rebases: [42] mov %esi|%edi,itself ; lea (%r15,...)
  fixedStart(false, [0x42], [0x89, 0x8b]);
  fixedStart(false, [0x89, 0x8b], [0xf6, 0xff], [0x49]);
  // %rsp/%rbp moves, and $-N,%rsp
  fixedStart(false, [0x48], [0x89, 0x8b], [0xe5, 0xec]);
  fixedStart(false, [0x48], [0x83], [0xe4]);
  // prefixed long NOPs
  fixedStart(false, [0x66], [0x66]);
  fixedStart(false, [0x66], [0x2e], [0x0f]);
  fixedStart(false, [0x66], [0x0f], [0x1f]);
  // Whole sequences as trie paths: the add/or/lea %r15 rebases, and the and/add/jmp|call groups that
  // fit the trie's depth (no REX.B: %eax..%edi), in both add directions.
  for (const prefix of [[0x4c, 0x01], [0x4c, 0x09], [0x49, 0x03], [0x49, 0x0b]]) for (const m of [0xe7, 0xef, 0xfc, 0xfd]) exactSequence([...prefix, m]);
  exactSequence([0x4a, 0x8d, 0x24, 0x3c]);
  for (const [m, sib] of [[0x64, 0x3c], [0x6c, 0x3d]]) exactSequence([0x4a, 0x8d, m!, sib!, 0]);
  for (const [m, sib] of [[0xa4, 0x3c], [0xac, 0x3d]]) exactSequence([0x4a, 0x8d, m!, sib!, 0, 0, 0, 0]);
  for (let n = 0; n < 8; n++) {
    for (const add of [[0x4c, 0x01, 0xf8 | n], [0x49, 0x03, 0xc7 | (n << 3)]]) {
      for (const branch of [0xe0, 0xd0]) exactSequence([0x83, 0xe0 | n, 0xe0, ...add, 0xff, branch | n]);
    }
  }
}
resetTrie();

/** Called between chunks: a full trie starts again from scratch (it relearns what is used). */
export function refreshFastWalk(): void {
  if (trieFull) resetTrie();
}

/** Empties the trie and the shape table (tests use it to start from a known state). */
export function clearFastWalkTables(): void {
  resetTrie();
  clearShapes();
}

/**
 * Walks the chunk bundle by bundle (in one function: a call per bundle costs more than the walk of
 * a short bundle); after an unrecognized instruction the rest of its bundle is skipped.
 */
export function walkChunkFast(w: Walk): void {
  const code = w.code;
  const size = code.length;
  const boundaries = w.boundaries;
  // Everything the loop reads from module scope is copied into locals first: V8 reloads (and
  // re-checks the type of) a module-level binding at every use, which doubled the loop's work.
  const states = STATES;
  const verdicts = w.featureVerdicts;
  const now3dFeature = NOW3D_FEATURE;
  const direct = State.Direct;
  const fixed = State.Fixed;
  const unknown = State.Unknown;
  const general = State.General;
  const nop = NOP;
  const nopLeaf = NOP_LEAF;
  const suffixOpcode = SUFFIX_OPCODE;
  const undefinedOpcode = UNDEFINED_OPCODE;
  const badBase = Mem.BadBase;
  const memOk = Mem.Ok;
  const noBranch = Branch.None;
  const call = Branch.Call;
  const none = NONE;
  const bundleSize = BUNDLE_SIZE;
  const rsp = RSP;
  const rbp = RBP;
  bundles: for (let bundle = 0; bundle < size; bundle += bundleSize) {
    if (w.stopped) break;
    const end = bundle + bundleSize < size ? bundle + bundleSize : size;
    let pos = bundle;
    // The register the previous instruction restricted (zero-extended 32-bit write), or NONE.
    let restricted = none;
    while (pos < end) {
      let slot = code[pos]!;
      let state = states[slot]!;
      let depth = 1;
      while (state < 0) {
        if (pos + depth >= size) {
          state = general;
          slot = -1;
          break;
        }
        slot = -state + code[pos + depth]!;
        state = states[slot]!;
        depth++;
      }
      if (state === nopLeaf) {
        // A run of one-byte NOPs (bundle padding): every byte is an instruction and a jump target.
        checkUnrebased(w, pos, restricted);
        restricted = none;
        do {
          boundaries[pos >>> 3]! |= 1 << (pos & 7);
          pos++;
        } while (pos < end && code[pos] === nop);
        continue;
      }
      if ((state & 3) === direct) {
        const length = (state >>> 2) & 15;
        let feature = (state >>> 24) & 63;
        if ((state & suffixOpcode) !== 0 && pos + length <= end) feature = now3dFeature[code[pos + length - 1]!]!;
        if (pos + length <= end && feature !== undefinedOpcode) {
          let jumpTarget = true;
          if (verdicts[feature] !== 0) checkFeature(w, pos, feature);
          if ((state & 0xff000) !== 0) {
            // A bad base, an index or a direct branch: the rules of checkShape.
            const mem = (state >>> 11) & 3;
            if (mem === badBase) {
              w.error(pos, Message.BadBase);
            } else if (mem === memOk) {
              const index = ((state >>> 13) & 31) - 1;
              if (index === restricted && index >= 0) jumpTarget = false;
              else if (index >= 0) w.error(pos, Message.BadIndex);
            }
            const branch = (state >>> 18) & 3;
            if (branch !== noBranch) {
              const immSize = (state >>> 20) & 15;
              directBranch(w, pos, length, branch === call, readRel(code, pos + length - immSize, immSize));
            }
          }
          if (jumpTarget) boundaries[pos >>> 3]! |= 1 << (pos & 7);
          // After the instruction's own errors, as in the reference walk.
          if (restricted === rsp || restricted === rbp) checkUnrebased(w, pos, restricted);
          restricted = ((state >>> 6) & 31) - 1;
          pos += length;
          continue;
        }
      }
      const start = pos;
      let length = 0;
      if ((state & 3) === fixed) {
        if ((state & EXACT) !== 0) {
          const length = (state >>> 6) & 15;
          if (pos + length <= end) {
            if ((state & EXACT_REBASE) !== 0) {
              checkRebase(w, start, restricted, (state & EXACT_RBP) !== 0 ? rbp : rsp);
            } else {
              // nacljmp/naclcall or a string superinstruction: one jump target, as fixedSequence marks it
              boundaries[pos >>> 3]! |= 1 << (pos & 7);
              if ((state & EXACT_CALL) !== 0) w.callEnds(pos, pos + length);
              checkUnrebased(w, start, restricted);
            }
            restricted = none;
            pos += length;
            continue;
          }
        }
        if ((state & REBASE) !== 0) {
          const rebaseLength = matchStackRebase(code, pos, end, w.rebase);
          if (rebaseLength > 0) {
            checkRebase(w, start, restricted, w.rebase.reg);
            restricted = none;
            pos += rebaseLength;
            continue;
          }
        } else {
          length = fixedSequence(w, pos, end);
          if (length > 0) learnStringSequence(code, pos, length);
        }
      }
      if (length === 0) length = generalInstruction(w, pos, end, restricted, state === unknown ? slot : -1, depth);
      if (length <= 0) {
        w.error(start, Message.Unrecognized);
        continue bundles;
      }
      checkUnrebased(w, start, restricted);
      restricted = w.nextRestricted;
      pos += length;
    }
    checkUnrebased(w, end, restricted);
  }
}

/**
 * Checks one ordinary instruction through the shape table (or the exact path); returns its length,
 * or -1 when NaCl refuses it. `learnSlot` >= 0: the trie slot to fill from the answer, reached
 * after `depth` bytes.
 */
function generalInstruction(w: Walk, pos: number, end: number, restricted: number, learnSlot: number, depth: number): number {
  const code = w.code;
  const header = scanHeader(code, pos, end);
  let e = header >= 0 ? findShape(code, pos, header) : -1;
  if (e < 0) {
    const s = w.summary;
    if (!summarize(code, pos, end, w.d, w.writes, s)) return -1;
    if (header >= 0) e = storeShape(code, pos, header, w.d, s);
    if (e < 0) {
      if (learnSlot >= 0 && header < 0 && pos + 16 <= end) STATES[learnSlot] = State.General;
      return checkSummary(w, pos, restricted, s);
    }
  }
  if (learnSlot >= 0) learnHeader(code, pos, learnSlot, depth, header, e);
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
 * Fills the trie from a shape entry: nodes for the header bytes past `depth`, then a Direct leaf
 * (every instruction with this header has this summary) when nothing beyond the packed fields needs
 * checking, else General. Headers are prefix-free (the scanner stops at the same byte for all
 * instructions sharing a header), so a leaf never sits where a longer header needs a node.
 */
function learnHeader(code: Uint8Array, pos: number, slot: number, depth: number, header: number, e: number): void {
  const h = header & 15;
  const flags = SHAPES[e + Entry.Flags]!;
  const now3d = header >= 0x10000;
  if ((now3d && code[pos] !== 0x0f) || (flags & EntryFlag.Rejected) !== 0 || SHAPES[e + Entry.WriteErrors] !== 0) {
    STATES[slot] = State.General;
    return;
  }
  for (let d = depth; d < h; d++) {
    const node = newNode();
    if (node < 0) {
      STATES[slot] = State.General;
      return;
    }
    STATES[slot] = -node;
    slot = node + code[pos + d]!;
  }
  STATES[slot] = State.Direct | (SHAPES[e + Entry.Length]! << 2) | ((SHAPES[e + Entry.Restricts]! + 1) << 6) |
    (SHAPES[e + Entry.Mem]! << 11) | ((SHAPES[e + Entry.MemIndex]! + 1) << 13) | (SHAPES[e + Entry.Branch]! << 18) |
    (SHAPES[e + Entry.ImmSize]! << 20) | (now3d ? SUFFIX_OPCODE : SHAPES[e + Entry.Feature]! << 24);
}

/** The rules for an instruction whose shape entry is SHAPES[e..] (as checkSummary does). */
function checkShape(w: Walk, pos: number, restricted: number, e: number, length: number): number {
  checkFeature(w, pos, SHAPES[e + Entry.Feature]!);
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
