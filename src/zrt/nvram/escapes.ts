// nvram values escape characters as \xHH (required for ',', '"', '\' and newline; zvsh also escapes space).
// Decoding follows ZRT's unescape_string_copy_to_dest: `\x` plus two ASCII letters or digits is one byte,
// letters counting from 10 ('a'/'A' = 10 ... 'z'/'Z' = 35, so "\xzz" is ZRT's odd but defined 0x33);
// anything else, a lone backslash included, is copied as it stands.
import { decodeUtf8, encodeUtf8 } from '../../text/utf8.ts';

function digit(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x7a) return 10 + c - 0x61;
  if (c >= 0x41 && c <= 0x5a) return 10 + c - 0x41;
  return -1;
}

export function unescapeValue(raw: string): string {
  if (!raw.includes('\\x')) return raw;
  const src = encodeUtf8(raw);
  const out: number[] = [];
  for (let i = 0; i < src.length; ) {
    if (src[i] === 0x5c && src[i + 1] === 0x78 && i + 3 < src.length) {
      const hi = digit(src[i + 2]!);
      const lo = digit(src[i + 3]!);
      if (hi >= 0 && lo >= 0) {
        out.push(((hi << 4) | lo) & 0xff);
        i += 4;
        continue;
      }
    }
    out.push(src[i++]!);
  }
  return decodeUtf8(Uint8Array.from(out));
}
