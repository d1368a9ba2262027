// The NOP forms NaCl accepts only as exact byte strings (nops.def), because they break the general
// prefix rules: `66 0f 1f 44 00 00`, `66 0f 1f 84 00 00 00 00 00` (66 is otherwise refused on
// 0f 1f), and `66{1..6} 2e 0f 1f 84 00 00 00 00 00` (a cs prefix, repeated 66). Other NOPs (90,
// 66 90, 0f 1f /0 ...) are ordinary instructions of the table.

const WORD_NOPS = [
  [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00],
  [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00],
];
const CS_TAIL = [0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00];

function matchesAt(code: Uint8Array, p: number, end: number, bytes: readonly number[]): boolean {
  if (p + bytes.length > end) return false;
  for (let i = 0; i < bytes.length; i++) if (code[p + i] !== bytes[i]) return false;
  return true;
}

/** Length of such a NOP at `pos` (0 when there is none). */
export function matchPrefixedNop(code: Uint8Array, pos: number, end: number): number {
  let p = pos;
  while (p < end && code[p] === 0x66 && p - pos < 6) p++;
  const count = p - pos;
  if (count === 0 || p >= end) return 0;
  if (code[p] === 0x0f) {
    if (count !== 1 || p + 1 >= end || code[p + 1] !== 0x1f) return 0;
    for (let i = 0; i < WORD_NOPS.length; i++) if (matchesAt(code, pos, end, WORD_NOPS[i]!)) return WORD_NOPS[i]!.length;
    return 0;
  }
  return matchesAt(code, p, end, CS_TAIL) ? count + CS_TAIL.length : 0;
}
