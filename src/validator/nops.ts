// The long NOP forms NaCl accepts although they break the general prefix rules (a `2e` segment
// prefix and repeated `66`): exactly `66{1..6} 2e 0f 1f 84 00 00 00 00 00` (nops.def). Other
// NOPs (90, 66 90, 0f 1f /0 ...) are ordinary instructions of the table.

const TAIL = [0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00];

/** Length of such a NOP at `pos` (0 when there is none). */
export function matchPrefixedNop(code: Uint8Array, pos: number, end: number): number {
  let p = pos;
  while (p < end && code[p] === 0x66 && p - pos < 6) p++;
  const count = p - pos;
  if (count === 0 || p + TAIL.length > end) return 0;
  for (let i = 0; i < TAIL.length; i++) if (code[p + i] !== TAIL[i]) return 0;
  return count + TAIL.length;
}
