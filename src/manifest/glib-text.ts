// The three string helpers ZeroVM's manifest reader is built on, with glib's exact edge cases
// (g_strsplit, g_strstrip, g_path_is_absolute). Strings here are byte strings (one char per byte).

/**
 * g_strsplit: splits at most maxTokens-1 times; the last token keeps the rest, delimiters included.
 * An empty input gives no tokens at all (not one empty token).
 */
export function gStrsplit(text: string, delimiter: string, maxTokens: number): string[] {
  if (text === '') return [];
  const limit = maxTokens < 1 ? Infinity : maxTokens;
  const tokens: string[] = [];
  let start = 0;
  while (tokens.length < limit - 1) {
    const at = text.indexOf(delimiter, start);
    if (at < 0) break;
    tokens.push(text.slice(start, at));
    start = at + delimiter.length;
  }
  tokens.push(text.slice(start));
  return tokens;
}

/** g_ascii_isspace: space, \t, \n, \v, \f, \r. */
export function isAsciiSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** g_strstrip: trims ASCII whitespace on both sides (String.prototype.trim also trims Unicode spaces). */
export function gStrstrip(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isAsciiSpace(text.charCodeAt(start))) start++;
  while (end > start && isAsciiSpace(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** g_path_is_absolute on POSIX. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/');
}
