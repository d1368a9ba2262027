// strtoll(base 0) semantics of manifest integers: properties against BigInt's own parser.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCInteger } from '../../src/manifest/c-integer.ts';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function render(v: bigint, base: 8 | 10 | 16, upper: boolean): string {
  const sign = v < 0n ? '-' : '';
  const m = v < 0n ? -v : v;
  if (base === 10) return sign + m.toString(10);
  if (base === 8) return `${sign}0${m.toString(8)}`;
  const digits = m.toString(16);
  return `${sign}0${upper ? 'X' : 'x'}${upper ? digits.toUpperCase() : digits}`;
}

describe('parseCInteger', () => {
  it('reads every int64 in decimal, octal and hex', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MIN, max: INT64_MAX }), fc.constantFrom(8, 10, 16) as fc.Arbitrary<8 | 10 | 16>, fc.boolean(), (v, base, upper) => {
        // Decimal 0 < v is written without a leading 0 (which would make it octal).
        expect(parseCInteger(render(v, base, upper))).toEqual({ ok: true, value: v });
      }),
    );
  });

  it('refuses values outside int64 with range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: INT64_MAX + 1n, max: 1n << 70n }), fc.boolean(), (m, neg) => {
        const v = neg ? -m : m;
        if (v === INT64_MIN) return;
        expect(parseCInteger(render(v, 10, false))).toEqual({ ok: false, reason: 'range' });
      }),
    );
  });

  it('points at the first junk character', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: INT64_MAX }), fc.constantFrom('g', ' ', '.', 'z', '-', ','), (v, junk) => {
        const s = v.toString(10) + junk + '1';
        expect(parseCInteger(s)).toEqual({ ok: false, reason: 'junk', at: v.toString(10).length });
      }),
    );
  });

  it.each([
    ['', { ok: true, value: 0n }],
    ['0', { ok: true, value: 0n }],
    ['-0', { ok: true, value: 0n }],
    ['+17', { ok: true, value: 17n }],
    ['010', { ok: true, value: 8n }],
    ['0x1F', { ok: true, value: 31n }],
    ['-9223372036854775808', { ok: true, value: INT64_MIN }],
    ['-0x8000000000000000', { ok: true, value: INT64_MIN }],
    ['9223372036854775808', { ok: false, reason: 'range' }],
    ['0x10000000000000000', { ok: false, reason: 'range' }],
    ['08', { ok: false, reason: 'junk', at: 1 }],
    ['0x', { ok: false, reason: 'junk', at: 1 }],
    ['0xg', { ok: false, reason: 'junk', at: 1 }],
    ['-', { ok: false, reason: 'junk', at: 0 }],
    ['- 5', { ok: false, reason: 'junk', at: 0 }],
    ['1 2', { ok: false, reason: 'junk', at: 1 }],
    ['usidramki', { ok: false, reason: 'junk', at: 0 }],
    ['4294967296,0', { ok: false, reason: 'junk', at: 10 }],
  ] as const)('%j', (input, expected) => {
    expect(parseCInteger(input)).toEqual(expected);
  });
});
