// Parsing hex byte strings ("83 e0 e0", "83e0e0", "0x83,0xe0") with errors that say where.

export class HexError extends Error {
  /** 0-based index of the offending character in the input, or -1 for a whole-input problem. */
  readonly position: number;
  constructor(message: string, position: number) {
    super(message);
    this.name = 'HexError';
    this.position = position;
  }
}

function nibble(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  if (l >= 0x61 && l <= 0x66) return l - 0x61 + 10;
  return -1;
}

function isSeparator(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x2c || c === 0x0d || c === 0x0a || c === 0x3a || c === 0x2d;
}

/**
 * Bytes of a hex string. Separators (space, tab, comma, colon, dash, newline) may sit between
 * bytes but not inside one; a "0x" may start a byte. Throws HexError with the character position.
 */
export function parseHex(text: string): Uint8Array {
  const out = new Uint8Array(text.length >>> 1);
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSeparator(c)) {
      i++;
      continue;
    }
    if (c === 0x30 && (text.charCodeAt(i + 1) | 0x20) === 0x78) {
      i += 2;
      if (i >= text.length || nibble(text.charCodeAt(i)) < 0) {
        throw new HexError(`expected a hex digit after "0x" at position ${i + 1}`, i);
      }
      continue;
    }
    const hi = nibble(c);
    if (hi < 0) throw new HexError(`bad character ${JSON.stringify(text[i])} at position ${i + 1}`, i);
    if (i + 1 >= text.length) throw new HexError(`odd number of hex digits: lone digit at position ${i + 1}`, i);
    const lo = nibble(text.charCodeAt(i + 1));
    if (lo < 0) {
      const what = isSeparator(text.charCodeAt(i + 1))
        ? 'lone hex digit'
        : `bad character ${JSON.stringify(text[i + 1])}`;
      const at = isSeparator(text.charCodeAt(i + 1)) ? i : i + 1;
      throw new HexError(`${what} at position ${at + 1}`, at);
    }
    out[n++] = (hi << 4) | lo;
    i += 2;
  }
  return out.slice(0, n);
}

/** `bytes` padded with `fill` to a multiple of `unit` (at least one unit when empty is not wanted: no). */
export function padTo(bytes: Uint8Array, unit: number, fill: number): Uint8Array {
  const size = Math.ceil(bytes.length / unit) * unit;
  if (size === bytes.length) return bytes;
  const out = new Uint8Array(size).fill(fill);
  out.set(bytes);
  return out;
}

export function toHex(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  for (let i = start; i < end; i++) s += (i > start ? ' ' : '') + bytes[i]!.toString(16).padStart(2, '0');
  return s;
}
