// Differential fuzzing against iced-x86: 100k fast-check byte strings weighted toward plausible
// prefixes, REX, escapes, VEX, ModRM/SIB (see gen-bytes.ts). Validity, length, mnemonic and text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decoded } from '../../src/decoder/index.ts';
import { compareAt, describe as describeDis, newTally, record } from './compare.ts';
import { instructionBytes } from './gen-bytes.ts';
import { IcedOracle } from './iced-oracle.ts';

const SLOT = 32;

describe('fuzzing against iced-x86', () => {
  it('100k plausible byte strings decode identically (or with an allowlisted reason)', () => {
    const samples = fc.sample(instructionBytes, { numRuns: 100_000, seed: 20261130 });
    // All samples in one buffer (one iced decoder); each sample has its own end.
    const buf = new Uint8Array(samples.length * SLOT);
    samples.forEach((s, i) => buf.set(s, i * SLOT));
    const oracle = new IcedOracle(buf);
    const d = new Decoded();
    const tally = newTally();
    try {
      samples.forEach((s, i) => record(tally, compareAt(buf, i * SLOT, i * SLOT + s.length, oracle, d, true)));
    } finally {
      oracle.free();
    }
    console.log(`fuzz: ${tally.compared} samples, explained ${JSON.stringify(Object.fromEntries(tally.explained))}, unexplained ${tally.unexplainedCount}`);
    expect(tally.compared).toBe(100_000);
    expect(tally.unexplained.map(describeDis)).toEqual([]);
  });
});
