// validateChunk's options and validateNexeText's padding.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Feature } from '../../src/decoder/index.ts';
import { NACL_POLICY_FEATURES, parseHex, validateChunk, validateNexeText } from '../../src/validator/index.ts';
import { chunkArbitrary, corpusPieces } from './generators.ts';
import { padNops } from './shared-data.ts';

const chunk = (hex: string) => padNops(parseHex(hex));
const messages = (r: { errors: { offset: number; message: string }[] }) => r.errors.map((e) => `${e.offset}: ${e.message}`);

describe('validator options', () => {
  it('refuses rdtsc under the ZeroVM policy (the default) and accepts it under plain NaCl', () => {
    expect(messages(validateChunk(chunk('90 0f31')))).toEqual(['1: unrecognized instruction']);
    expect(validateChunk(chunk('90 0f31'), { deterministic: false }).valid).toBe(true);
  });

  it('reports instructions outside the given CPU profile, and refuses those outside the policy', () => {
    const noAvx = NACL_POLICY_FEATURES.filter((f) => f !== Feature.AVX && f !== Feature.AVX2);
    const vaddps = 'c5f058c2'; // vaddps %xmm2,%xmm1,%xmm0
    expect(validateChunk(chunk(vaddps), { deterministic: false }).valid).toBe(true);
    expect(messages(validateChunk(chunk(vaddps), { deterministic: false, features: noAvx }))).toEqual(['0: required CPU feature not found']);
    // aesenc is outside NaCl's policy even when the profile has AES; the walk goes on after it.
    const withAes = [...NACL_POLICY_FEATURES, Feature.AES];
    expect(messages(validateChunk(chunk('660f38dcc8 8b00'), { deterministic: false, features: withAes }))).toEqual([
      '0: unrecognized instruction',
      '5: improper memory address - bad base',
    ]);
  });

  it('warns about calls that do not end at a bundle end only when asked', () => {
    const call = chunk('e8 00000000');
    expect(validateChunk(call).warnings).toEqual([]);
    expect(validateChunk(call, { callAlignmentWarnings: true }).warnings).toEqual([{ offset: 0, message: 'warning - bad call alignment' }]);
    const aligned = chunk('90'.repeat(27) + 'e8 00000000');
    expect(validateChunk(aligned, { callAlignmentWarnings: true }).warnings).toEqual([]);
    const naclcall = chunk('83e0e04c01f8ffd0');
    expect(validateChunk(naclcall, { callAlignmentWarnings: true }).warnings).toHaveLength(1);
  });

  it('reports a chunk that is not whole bundles, and still checks it', () => {
    expect(messages(validateChunk(parseHex('90 8b00')))).toEqual(['0: code size is not a multiple of 32', '1: improper memory address - bad base']);
  });
});

describe('verdictOnly', () => {
  const pieces = corpusPieces();
  it('gives the full walk\'s verdict and first error, in both walks and for a ragged size', () => {
    fc.assert(
      fc.property(chunkArbitrary(pieces), fc.boolean(), fc.integer({ min: 0, max: 31 }), (code, cache, cut) => {
        const chunk = cut > 0 && code.length > cut ? code.subarray(0, code.length - cut) : code;
        const full = validateChunk(chunk, { cache });
        const quick = validateChunk(chunk, { cache, verdictOnly: true });
        expect(quick.valid).toBe(full.valid);
        expect(quick.errors).toEqual(full.errors.slice(0, 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('stops at the bundle of the first error: a bad first bundle, then megabytes never walked', () => {
    const code = new Uint8Array(4 << 20); // 00 00 is add %al,(%rax): one error per 2 bytes
    expect(validateChunk(code, { verdictOnly: true }).errors).toEqual([{ offset: 0, message: 'improper memory address - bad base' }]);
    expect(validateChunk(code.subarray(0, 64)).errors.length).toBe(32);
  });
});

describe('validateNexeText', () => {
  it('pads the text with hlt to whole bundles', () => {
    const r = validateNexeText(parseHex('90 90 90'));
    expect(r.valid).toBe(true);
    expect(r.paddedSize).toBe(32);
  });
  it('lets a truncated last instruction absorb the hlt padding, as the loader does', () => {
    // e8 f4 f4 f4 f4: a call far outside the text.
    expect(messages(validateNexeText(parseHex('90 e8')))).toEqual(['1: direct jump out of range']);
  });
});
