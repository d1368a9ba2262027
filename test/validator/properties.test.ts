// Property tests: what the validator accepts satisfies the simple checker's invariants; it never
// throws; appending NOP bundles keeps verdicts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateChunk } from '../../src/validator/index.ts';
import { chunkArbitrary, corpusPieces, mutate } from './generators.ts';
import { errorKeys, hexBytes, loadCorpus, padNops } from './shared-data.ts';
import { simpleCheck } from './simple-checker.ts';

const NACL = { deterministic: false } as const;
const pieces = corpusPieces();

/** The cached fast path and the plain decode path must give identical results. */
function crossChecked(code: Uint8Array): ReturnType<typeof validateChunk> {
  const fast = validateChunk(code, NACL);
  const plain = validateChunk(code, { ...NACL, cache: false });
  expect(fast.errors).toEqual(plain.errors);
  expect(fast.boundaries).toEqual(plain.boundaries);
  expect(fast.jumpTargets).toEqual(plain.jumpTargets);
  return fast;
}

function checkAccepted(code: Uint8Array): boolean {
  const result = crossChecked(code);
  if (result.valid) {
    const violations = simpleCheck(code, result.boundaries);
    expect(violations, Buffer.from(code).toString('hex')).toEqual([]);
  }
  return result.valid;
}

describe('validator properties', () => {
  it('accepts only chunks that satisfy the simple checker', () => {
    let accepted = 0;
    fc.assert(
      fc.property(chunkArbitrary(pieces), (code) => {
        if (checkAccepted(code)) accepted++;
      }),
      { numRuns: 3000 },
    );
    // The generator must produce a fair share of accepted chunks, or the property says little.
    expect(accepted).toBeGreaterThan(300);
  });

  it('never throws on random bytes, and its verdict matches its error list', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, deterministic) => {
        crossChecked(padNops(bytes));
        const result = validateChunk(padNops(bytes), { deterministic, callAlignmentWarnings: true });
        expect(result.valid).toBe(result.errors.length === 0);
        for (const e of [...result.errors, ...result.warnings]) {
          expect(e.offset).toBeGreaterThanOrEqual(0);
          expect(e.offset).toBeLessThanOrEqual(padNops(bytes).length);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps verdict and errors when NOP bundles are appended (no out-of-range jumps involved)', () => {
    // A jump past the end is an error that appended code can cure; everything else is local.
    fc.assert(
      fc.property(chunkArbitrary(pieces), fc.integer({ min: 1, max: 3 }), (code, extra) => {
        const before = validateChunk(code, NACL);
        if (before.errors.some((e) => e.message === 'direct jump out of range')) return;
        const longer = padNops(new Uint8Array([...code, ...new Uint8Array(32 * extra).fill(0x90)]));
        const after = validateChunk(longer, NACL);
        expect(after.valid).toBe(before.valid);
        expect(errorKeys(after.errors)).toEqual(errorKeys(before.errors));
      }),
      { numRuns: 1500 },
    );
  });

  it('mutation campaign: every accepted mutant of a corpus case passes the simple checker', () => {
    const cases = loadCorpus();
    const seeds = cases.length > 0 ? cases.map((c) => hexBytes(c.hex)) : pieces;
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 3 }),
        (which, edits) => {
          let bytes = seeds[which]!;
          for (const [kind, at, value] of edits) bytes = mutate(bytes, kind, at, value);
          if (checkAccepted(padNops(bytes))) accepted++;
        },
      ),
      { numRuns: 6000 },
    );
    expect(accepted).toBeGreaterThan(200);
  });
});
