import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HexError, padTo, parseHex, toHex } from '../../src/validator/hex.ts';

function errorOf(text: string): HexError {
  try {
    parseHex(text);
  } catch (e) {
    if (e instanceof HexError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseHex', () => {
  it('reads spaced, packed, 0x-prefixed and comma-separated bytes', () => {
    expect([...parseHex('83 e0 e0')]).toEqual([0x83, 0xe0, 0xe0]);
    expect([...parseHex('83E0e0')]).toEqual([0x83, 0xe0, 0xe0]);
    expect([...parseHex('0x83, 0xE0,0xe0')]).toEqual([0x83, 0xe0, 0xe0]);
    expect([...parseHex('  ')]).toEqual([]);
  });

  it('names the position of a bad character', () => {
    const e = errorOf('83 e0 zz');
    expect(e.position).toBe(6);
    expect(e.message).toContain('position 7');
    expect(e.message).toContain('"z"');
    expect(errorOf('8g').position).toBe(1);
  });

  it('refuses a lone digit, inside a line or at its end', () => {
    expect(errorOf('83 e 00').position).toBe(3);
    expect(errorOf('83e').position).toBe(2);
    expect(errorOf('0x').position).toBe(2);
  });

  it('round-trips any bytes through toHex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...parseHex(toHex(bytes))]).toEqual([...bytes]);
      }),
    );
  });

  it('pads to whole units without touching the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const p = padTo(bytes, 32, 0x90);
        expect(p.length % 32).toBe(0);
        expect(p.length - bytes.length).toBeLessThan(32);
        expect([...p.subarray(0, bytes.length)]).toEqual([...bytes]);
        expect(p.subarray(bytes.length).every((b) => b === 0x90)).toBe(true);
      }),
    );
  });
});
