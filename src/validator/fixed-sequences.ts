// The walk's view of NaCl's fixed sequences (superinstructions.ts, nops.ts): which one starts at a
// position, with its side effects on the walk (boundary, call alignment).
import { decodeFast } from '../decoder/decode-fast.ts';
import { formAt } from '../decoder/forms.ts';
import { setBit } from './bitmap.ts';
import { matchPrefixedNop } from './nops.ts';
import { StringNeeds, stringOpNeeds } from './string-ops.ts';
import { indirectBranchIsCall, matchIndirectBranch, matchStackMove, matchStringRebase } from './superinstructions.ts';
import { FeatureVerdict, NONE, type Walk } from './walk.ts';

/** First bytes that can start a %rsp/%rbp rebase, and those that can start another fixed sequence. */
export const REBASE_START = new Uint8Array(256);
export const FIXED_START = new Uint8Array(256);
for (const b of [0x49, 0x4a, 0x4c]) REBASE_START[b] = 1;
for (const b of [0x41, 0x83, 0x42, 0x89, 0x8b, 0x48, 0x66]) FIXED_START[b] = 1;

/**
 * A fixed sequence at `pos` (nacljmp/naclcall, a string superinstruction, an allowed %rsp/%rbp
 * move, a prefixed long NOP): its length, or 0. Only its first byte is a jump target.
 */
export function fixedSequence(w: Walk, pos: number, end: number): number {
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

/**
 * The fast walk's memo of string instructions (what stringOp needs from a decode): [bytes,
 * length, StringNeeds, form feature] per entry, for legacy string instructions (prefixes, then an
 * opcode a4..af: at most four bytes, held little-endian), indexed by a hash of those bytes.
 */
const STRING_MEMO = new Int32Array(1024 * 4);

/** Length of a legacy string instruction at `pos` as far as its bytes show (0 when it is not one or is longer than four bytes). */
function legacyStringLength(code: Uint8Array, pos: number, end: number): number {
  for (let p = pos; p < end && p < pos + 4; p++) {
    const b = code[p]!;
    if (b >= 0xa4 && b <= 0xaf) return p + 1 - pos;
    if (b !== 0x66 && b !== 0xf2 && b !== 0xf3 && (b & 0xf0) !== 0x40) return 0;
  }
  return 0;
}

function stringOp(w: Walk, pos: number, end: number, needs: StringNeeds): number {
  const code = w.code;
  let m = -1;
  let key = 0;
  const length = w.fast ? legacyStringLength(code, pos, end) : 0;
  if (length > 0) {
    for (let i = 0; i < length; i++) key |= code[pos + i]! << (i << 3);
    m = (Math.imul(key ^ length, 0x9e3779b1) >>> 22) << 2;
    if (STRING_MEMO[m + 1] === length && STRING_MEMO[m] === key) {
      if (STRING_MEMO[m + 2] !== needs) return 0;
      return allowedFeature(w, STRING_MEMO[m + 3]!) ? length : 0;
    }
  }
  const d = w.d;
  const n = decodeFast(code, pos, end, d);
  if (n <= 0) return 0;
  const got = stringOpNeeds(d);
  const feature = formAt(d.form).feature;
  if (m >= 0 && n === length) {
    STRING_MEMO[m] = key;
    STRING_MEMO[m + 1] = n;
    STRING_MEMO[m + 2] = got;
    STRING_MEMO[m + 3] = feature;
  }
  return got === needs && allowedFeature(w, feature) ? n : 0;
}

/** The feature passes the walk's options (an instruction without one always does). */
function allowedFeature(w: Walk, feature: number): boolean {
  return w.featureVerdicts[feature] === FeatureVerdict.Ok;
}
