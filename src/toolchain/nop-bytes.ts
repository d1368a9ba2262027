// Exactly-n-byte padding as `.byte` lines of NOP instructions that the NaCl
// validator accepts. gas does not count `.nops` inside a bundle lock, so the
// padding in front of a call must be spelled out as data bytes. The padding is
// executed, so it uses as few instructions as possible: the 10..15-byte forms
// `66{1..6} 2e 0f 1f 84 00 00 00 00 00` (nops.def) and the usual 1..8-byte ones.

const SHORT: readonly (readonly number[])[] = [
  [],
  [0x90],
  [0x66, 0x90],
  [0x0f, 0x1f, 0x00],
  [0x0f, 0x1f, 0x40, 0x00],
  [0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00],
  [0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];

const LONG_TAIL = [0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00];

/** One NOP instruction of `size` bytes (1..8 or 10..15). */
export function nop(size: number): number[] {
  if (size >= 1 && size <= 8) return [...SHORT[size]!];
  if (size >= 10 && size <= 15) return [...new Array<number>(size - LONG_TAIL.length).fill(0x66), ...LONG_TAIL];
  throw new RangeError(`no single NOP of ${size} bytes`);
}

/** Sizes of the NOPs that make up n bytes: as few as possible (there is no 9-byte form). */
export function nopSizes(n: number): number[] {
  const sizes: number[] = [];
  let left = n;
  while (left > 0) {
    let size: number;
    if (left > 15) size = left - 15 === 9 ? 14 : 15;
    else if (left === 9) size = 8;
    else size = left;
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

/** Assembly lines that emit exactly `n` bytes of NOPs. */
export function nopLines(n: number): string[] {
  return nopSizes(n).map((size) => `\t.byte ${nop(size).map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}`);
}
