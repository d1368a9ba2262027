// The core's UTF-8 codec against the platform's TextEncoder/TextDecoder.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8, encodeUtf8 } from '../../src/text/utf8.ts';

describe('utf8', () => {
  it('decodes any bytes as TextDecoder does (property)', () => {
    const interesting = fc.constantFrom(0x00, 0x41, 0x7f, 0x80, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff, 0x9f, 0xa0, 0x8f, 0x90);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 255 }), interesting), { maxLength: 40 }), (arr) => {
        const bytes = Uint8Array.from(arr);
        expect(decodeUtf8(bytes)).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 2000 },
    );
  });

  it('encodes any string as TextEncoder does, lone surrogates included (property)', () => {
    const unit = fc.oneof(fc.integer({ min: 0, max: 0xffff }), fc.constantFrom(0xd800, 0xdbff, 0xdc00, 0xdfff));
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 40 }), (units) => {
        const s = String.fromCharCode(...units);
        expect(encodeUtf8(s)).toEqual(new TextEncoder().encode(s));
      }),
      { numRuns: 2000 },
    );
  });
});
