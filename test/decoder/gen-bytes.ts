// fast-check arbitraries for plausible x86-64 instruction byte strings: legacy prefixes, REX,
// escapes (0F, 0F38, 0F3A, VEX2, VEX3), an opcode, ModRM/SIB and trailing bytes.
import fc from 'fast-check';

const legacyPrefix = fc.constantFrom(0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e, 0x3e, 0x26, 0x36, 0x64, 0x65);
const rex = fc.integer({ min: 0x40, max: 0x4f });
const anyByte = fc.integer({ min: 0, max: 255 });
const modrm = fc.oneof(
  anyByte,
  fc.integer({ min: 0xc0, max: 0xff }),
  fc.constantFrom(0x04, 0x05, 0x44, 0x84, 0x0c, 0x14, 0x24, 0x25, 0x64, 0xa4),
);

const vex2 = fc.tuple(anyByte, anyByte).map(([a, op]) => [0xc5, a, op]);
const vex3 = fc.tuple(fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 3 }), anyByte, anyByte)
  .map(([rxb, map, b2, op]) => [0xc4, (rxb << 5) | map, b2, op]);
const escape = fc.oneof(
  { weight: 4, arbitrary: anyByte.map((op) => [op]) },
  { weight: 4, arbitrary: anyByte.map((op) => [0x0f, op]) },
  { weight: 1, arbitrary: anyByte.map((op) => [0x0f, 0x38, op]) },
  { weight: 1, arbitrary: anyByte.map((op) => [0x0f, 0x3a, op]) },
  { weight: 2, arbitrary: vex2 },
  { weight: 2, arbitrary: vex3 },
  { weight: 1, arbitrary: fc.integer({ min: 0xd8, max: 0xdf }).map((op) => [op]) },
);

/** A plausible instruction start followed by filler bytes (16 bytes of room in total). */
export const instructionBytes = fc
  .tuple(
    fc.array(legacyPrefix, { maxLength: 3 }),
    fc.option(rex, { freq: 3 }),
    escape,
    modrm,
    fc.array(anyByte, { minLength: 12, maxLength: 12 }),
  )
  .map(([pre, r, esc, m, tail]) => {
    const bytes = [...pre, ...(r === null || esc[0] === 0xc4 || esc[0] === 0xc5 ? [] : [r]), ...esc, m, ...tail];
    return Uint8Array.from(bytes.slice(0, 24));
  });
