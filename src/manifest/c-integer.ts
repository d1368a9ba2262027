// Integers as ZeroVM's manifest reads them: g_ascii_strtoll(text, &end, 0) on the trimmed token, and
// an error unless the whole token was consumed and no overflow happened (manifest.c ToInt()).

export type CIntegerResult =
  | { ok: true; value: bigint }
  | { ok: false; reason: 'junk'; at: number }
  | { ok: false; reason: 'range' };

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN_MAGNITUDE = 1n << 63n;

function digitValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x7a) return lower - 0x61 + 10;
  return 99;
}

/**
 * Parses like strtoll with base 0: optional sign, then `0x`/`0X` hex, leading-`0` octal or decimal.
 * Facts kept from glib: an empty token is 0 (no conversion, but nothing left over either); "0x" with
 * no hex digit stops at the x (so it is junk); a sign with no digits is junk; out of int64 is 'range'.
 */
export function parseCInteger(token: string): CIntegerResult {
  let i = 0;
  // strtoll skips leading whitespace; ZeroVM has already stripped the token, but keep the rule.
  while (i < token.length && (token.charCodeAt(i) === 0x20 || (token.charCodeAt(i) >= 9 && token.charCodeAt(i) <= 13))) i++;
  let negative = false;
  if (token[i] === '-' || token[i] === '+') {
    negative = token[i] === '-';
    i++;
  }
  let base = 10;
  if (token[i] === '0') {
    if (token[i + 1] === 'x' || token[i + 1] === 'X') {
      i += 2;
      base = 16;
    } else {
      base = 8;
    }
  }
  const digitsStart = i;
  let magnitude = 0n;
  let overflow = false;
  while (i < token.length) {
    const d = digitValue(token.charCodeAt(i));
    if (d >= base) break;
    if (!overflow) magnitude = magnitude * BigInt(base) + BigInt(d);
    if (magnitude > 0xffff_ffff_ffff_ffffn) overflow = true;
    i++;
  }
  if (i === digitsStart) {
    // No digits: strtoll reports no conversion. The end pointer is the x of a bare "0x", else the start.
    const end = base === 16 ? digitsStart - 1 : 0;
    if (end >= token.length) return { ok: true, value: 0n };
    return { ok: false, reason: 'junk', at: end };
  }
  if (i < token.length) return { ok: false, reason: 'junk', at: i };
  if (overflow) return { ok: false, reason: 'range' };
  if (negative ? magnitude > INT64_MIN_MAGNITUDE : magnitude > INT64_MAX) return { ok: false, reason: 'range' };
  return { ok: true, value: negative ? -magnitude : magnitude };
}
