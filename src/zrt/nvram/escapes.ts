// nvram values escape characters as \xHH (required for ',', '"', '\' and newline; zvsh also escapes space).
import { decodeUtf8 } from '../utf8.ts';

/** Decode \xHH escapes (to bytes, read as UTF-8). Returns an error text for a malformed escape. */
export function unescapeValue(raw: string): string | { error: string } {
  if (!raw.includes('\\')) return raw;
  const bytes: number[] = [];
  const pushText = (t: string) => {
    for (const c of t) {
      const cp = c.codePointAt(0)!;
      if (cp < 0x80) bytes.push(cp);
      else for (const b of encodeCodePoint(cp)) bytes.push(b);
    }
  };
  let i = 0;
  while (i < raw.length) {
    const slash = raw.indexOf('\\', i);
    if (slash < 0) {
      pushText(raw.slice(i));
      break;
    }
    pushText(raw.slice(i, slash));
    const hex = raw.slice(slash + 2, slash + 4);
    if (raw[slash + 1] !== 'x' || !/^[0-9a-fA-F]{2}$/.test(hex)) {
      return { error: `bad escape ${JSON.stringify(raw.slice(slash, slash + 4))} (expected \\xHH)` };
    }
    bytes.push(parseInt(hex, 16));
    i = slash + 4;
  }
  return decodeUtf8(Uint8Array.from(bytes));
}

function encodeCodePoint(cp: number): number[] {
  if (cp < 0x800) return [0xc0 | (cp >> 6), 0x80 | (cp & 63)];
  if (cp < 0x10000) return [0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
  return [0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63)];
}
