// The NaCl corpus: every case, NOP-padded to whole bundles, must give the reference DFA
// validator's verdict and exactly its error multiset.
import { describe, expect, it } from 'vitest';
import { validateChunk } from '../../src/validator/index.ts';
import { errorKeys, hexBytes, loadCorpus, padNops, sharedPresent, skipNote } from './shared-data.ts';

skipNote('NaCl corpus agreement');

describe.skipIf(!sharedPresent)('NaCl validator corpus', () => {
  const cases = loadCorpus();

  it('has the documented number of cases', () => {
    expect(cases.length).toBe(471);
  });

  it('agrees with the reference DFA on every case (verdict and errors)', () => {
    const disagreements: string[] = [];
    for (const c of cases) {
      const result = validateChunk(padNops(hexBytes(c.hex)), { deterministic: false });
      const plain = validateChunk(padNops(hexBytes(c.hex)), { deterministic: false, cache: false });
      if (JSON.stringify(plain.errors) !== JSON.stringify(result.errors)) disagreements.push(`${c.name}: cached and plain paths differ`);
      const got = errorKeys(result.errors);
      const want = errorKeys(c.errors);
      if (result.valid !== c.valid || JSON.stringify(got) !== JSON.stringify(want)) {
        disagreements.push(`${c.name}\n  hex ${c.chunks.join(' ')}\n  want ${c.valid} [${want.join('; ')}]\n  got  ${result.valid} [${got.join('; ')}]`);
      }
    }
    expect(disagreements, `${disagreements.length} of ${cases.length} cases disagree:\n${disagreements.join('\n')}`).toEqual([]);
  });

  it('accepts a jump to every chunk start of a valid case and refuses one into a chunk', () => {
    // The per-line chunking of valid cases is ground truth for instruction boundaries.
    const problems: string[] = [];
    for (const c of cases) {
      if (!c.valid) continue;
      const code = padNops(hexBytes(c.hex));
      const result = validateChunk(code, { deterministic: false });
      let offset = 0;
      for (const chunk of c.chunks) {
        const length = chunk.length / 2;
        const nopRun = /^(90)+$/.test(chunk);
        for (let i = offset; i < offset + length; i++) {
          const isTarget = ((result.boundaries[i >> 3]! >> (i & 7)) & 1) === 1;
          const expected = i === offset || nopRun;
          if (isTarget !== expected && i % 32 !== 0) problems.push(`${c.name}: offset ${i.toString(16)} target=${isTarget}`);
        }
        offset += length;
      }
    }
    expect(problems).toEqual([]);
  });
});
