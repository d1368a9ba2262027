// fast-check generators of code chunks for the validator's property tests: sequences of the
// corpus's instruction lines, random jumps, NOP fill and raw bytes, padded to whole bundles.
import fc from 'fast-check';
import { hexBytes, loadCorpus, padNops } from './shared-data.ts';

/** Every instruction line of the corpus's valid cases (true instructions / superinstructions). */
export function corpusPieces(): Uint8Array[] {
  const seen = new Set<string>();
  for (const c of loadCorpus()) if (c.valid) for (const chunk of c.chunks) seen.add(chunk);
  // Some hand-picked pieces so the generator works without the corpus too.
  for (const hex of ['90', '89c0', '418b0407', '83e0e04c01f8ffe0', '83e0e04c01f8ffd0', '89ff498d3c3ff3ab', '4889e5', '89c44c01fc', 'c3', 'ffe0', '8b00', '4d89c7']) seen.add(hex);
  return [...seen].map(hexBytes);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export function chunkArbitrary(pieces: Uint8Array[]): fc.Arbitrary<Uint8Array> {
  const piece = fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...pieces) },
    { weight: 2, arbitrary: fc.integer({ min: -128, max: 127 }).map((r) => new Uint8Array([0xeb, r & 0xff])) },
    { weight: 1, arbitrary: fc.integer({ min: -128, max: 127 }).map((r) => new Uint8Array([0x74, r & 0xff])) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 31 }).map((n) => new Uint8Array(n).fill(0x90)) },
    { weight: 1, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 4 }) },
  );
  return fc.array(piece, { maxLength: 40 }).map((parts) => padNops(concat(parts)));
}

/** One byte flip, insert or delete at a random place. */
export function mutate(bytes: Uint8Array, kind: number, at: number, value: number): Uint8Array {
  const i = bytes.length === 0 ? 0 : at % bytes.length;
  if (kind === 0) {
    const out = bytes.slice();
    out[i] = value;
    return out;
  }
  if (kind === 1) return concat([bytes.subarray(0, i), new Uint8Array([value]), bytes.subarray(i)]);
  return concat([bytes.subarray(0, i), bytes.subarray(i + 1)]);
}
