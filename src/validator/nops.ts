// The NOP forms NaCl accepts only as exact byte strings (nops.def), because they break the general
// prefix rules: `66 0f 1f 44 00 00`, `66 0f 1f 84 00 00 00 00 00` (66 is otherwise refused on
// 0f 1f), and `66{1..6} 2e 0f 1f 84 00 00 00 00 00` (a cs prefix, repeated 66). Other NOPs (90,
// 66 90, 0f 1f /0 ...) are ordinary instructions of the table.

const WORD_NOP_SHORT = [0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00];
const WORD_NOP_LONG = [0x66, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00];
/** What follows the 66 prefixes of the cs NOP: cs, 0f 1f /0 with SIB and a 32-bit displacement, all zero. */
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
    // one 66 only; the ModRM byte tells the two forms apart
    if (count !== 1 || p + 2 >= end) return 0;
    const form = code[p + 2] === 0x44 ? WORD_NOP_SHORT : WORD_NOP_LONG;
    return matchesAt(code, pos, end, form) ? form.length : 0;
  }
  return matchesAt(code, p, end, CS_TAIL) ? count + CS_TAIL.length : 0;
}
