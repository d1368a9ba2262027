// A direct-mapped cache of instruction summaries keyed by the instruction's bytes. Decoding is a
// pure function of the bytes, so a hit (same bytes, same length, fitting before the bundle end)
// gives exactly what summarize() would: this is the validator's fast path for repeated code.
// One slot is 16 int32 (one cache line): the instruction bytes packed little-endian in 4 words,
// then the summary fields, read in place as CACHE[entry + Field.X].
import type { Summary } from './instruction-summary.ts';

const BITS = 14;
const SLOT_INTS = 16;
const BYTE_WORDS = 4;

/** Field offsets inside an entry (the entry starts after the packed bytes). */
export const Field = { Length: 0, Rejected: 1, Feature: 2, Mem: 3, MemIndex: 4, WriteErrors: 5, Restricts: 6, Branch: 7, Rel: 8 } as const;
export const FIELD_COUNT = 9;

export const CACHE = new Int32Array((1 << BITS) * SLOT_INTS);

function word(code: Uint8Array, pos: number): number {
  return code[pos]! | (code[pos + 1]! << 8) | (code[pos + 2]! << 16) | (code[pos + 3]! << 24);
}

/** Offset in CACHE of the entry for the instruction at `pos`, or -1 on a miss. */
export function findEntry(code: Uint8Array, pos: number, end: number): number {
  if (pos + 4 > code.length) return -1;
  const h = word(code, pos);
  const s = (Math.imul(h, 0x9e3779b1) >>> (32 - BITS)) * SLOT_INTS;
  const e = s + BYTE_WORDS;
  const length = CACHE[e + Field.Length]!;
  if (length === 0 || pos + length > end) return -1;
  if (length >= 4) {
    if (CACHE[s] !== h) return -1;
    for (let i = 4; i < length; i++) {
      if (((CACHE[s + (i >> 2)]! >>> ((i & 3) << 3)) & 0xff) !== code[pos + i]) return -1;
    }
  } else if (((CACHE[s]! ^ h) & ((1 << (length << 3)) - 1)) !== 0) {
    return -1;
  }
  return e;
}

/** Stores `sum` for the instruction at `pos`; returns its entry offset, or -1 when not cacheable. */
export function storeEntry(code: Uint8Array, pos: number, sum: Summary): number {
  if (pos + 4 > code.length || sum.length > BYTE_WORDS * 4) return -1;
  const h = word(code, pos);
  const s = (Math.imul(h, 0x9e3779b1) >>> (32 - BITS)) * SLOT_INTS;
  for (let k = 0; k < BYTE_WORDS; k++) CACHE[s + k] = 0;
  for (let i = 0; i < sum.length; i++) CACHE[s + (i >> 2)]! |= code[pos + i]! << ((i & 3) << 3);
  writeEntry(CACHE, s + BYTE_WORDS, sum);
  return s + BYTE_WORDS;
}

export function writeEntry(fields: Int32Array, f: number, s: Summary): void {
  fields[f + Field.Length] = s.length;
  fields[f + Field.Rejected] = s.rejected ? 1 : 0;
  fields[f + Field.Feature] = s.feature;
  fields[f + Field.Mem] = s.mem;
  fields[f + Field.MemIndex] = s.memIndex;
  fields[f + Field.WriteErrors] = s.writeErrors;
  fields[f + Field.Restricts] = s.restricts;
  fields[f + Field.Branch] = s.branch;
  fields[f + Field.Rel] = s.rel;
}

/** Empties the cache. */
export function clearSummaryCache(): void {
  CACHE.fill(0);
}
