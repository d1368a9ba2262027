// Exactly-n-byte padding as `.byte` lines of NOP instructions that the NaCl
// validator accepts. gas does not count `.nops` inside a bundle lock, so the
// padding in front of a call must be spelled out as data bytes.

const NOPS: readonly (readonly number[])[] = [
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

/** Assembly lines that emit exactly `n` bytes of NOPs (longest forms first). */
export function nopLines(n: number): string[] {
  const lines: string[] = [];
  let left = n;
  while (left > 0) {
    const size = Math.min(left, 8);
    lines.push(`\t.byte ${NOPS[size]!.map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ')}`);
    left -= size;
  }
  return lines;
}
