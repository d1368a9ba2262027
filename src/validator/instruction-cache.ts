// A direct-mapped cache of instruction summaries keyed by the instruction's bytes. Decoding is a
// pure function of the bytes, so a hit (same bytes, same length, fitting before the bundle end)
// gives exactly what summarize() would: this is the validator's fast path for repeated code.
// Entries are read in place (CACHE_FIELDS[slot * FIELD_COUNT + Field.X]) to avoid copying.
import type { Summary } from './instruction-summary.ts';

const BITS = 15;
const SLOTS = 1 << BITS;
const MAX = 16;

/** Field offsets inside one slot of CACHE_FIELDS. */
export const Field = { Length: 0, Rejected: 1, Feature: 2, Mem: 3, MemIndex: 4, WriteErrors: 5, Restricts: 6, Branch: 7, Rel: 8 } as const;
export const FIELD_COUNT = 9;

const bytes = new Uint8Array(SLOTS * MAX);
export const CACHE_FIELDS = new Int32Array(SLOTS * FIELD_COUNT);

function slotOf(code: Uint8Array, pos: number): number {
  const h = code[pos]! | (code[pos + 1]! << 8) | (code[pos + 2]! << 16) | (code[pos + 3]! << 24);
  return Math.imul(h, 0x9e3779b1) >>> (32 - BITS);
}

/** Offset in CACHE_FIELDS of the entry for the instruction at `pos`, or -1 on a miss. */
export function findEntry(code: Uint8Array, pos: number, end: number): number {
  if (pos + 4 > code.length) return -1;
  const slot = slotOf(code, pos);
  const f = slot * FIELD_COUNT;
  const length = CACHE_FIELDS[f]!;
  if (length === 0 || pos + length > end) return -1;
  const b = slot * MAX;
  for (let i = 0; i < length; i++) if (bytes[b + i] !== code[pos + i]) return -1;
  return f;
}

/** Stores `s` for the instruction at `pos`; returns its entry offset, or -1 when not cacheable. */
export function storeEntry(code: Uint8Array, pos: number, s: Summary): number {
  if (pos + 4 > code.length || s.length > MAX) return -1;
  const slot = slotOf(code, pos);
  const f = slot * FIELD_COUNT;
  bytes.set(code.subarray(pos, pos + s.length), slot * MAX);
  writeEntry(CACHE_FIELDS, f, s);
  return f;
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
  CACHE_FIELDS.fill(0);
}
