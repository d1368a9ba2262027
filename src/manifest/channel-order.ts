// SortChannels(): /dev/stdin, /dev/stdout, /dev/stderr first, the rest by alias in strcmp order.
// The array index after sorting is the handle the program passes to the trap.
import { compareUtf8 } from '../runtime/utf8.ts';

export const STANDARD_ALIASES = ['/dev/stdin', '/dev/stdout', '/dev/stderr'] as const;

const rank = (alias: string): number => {
  const i = (STANDARD_ALIASES as readonly string[]).indexOf(alias);
  return i < 0 ? STANDARD_ALIASES.length : i;
};

export function compareChannelAliases(a: string, b: string): number {
  return rank(a) - rank(b) || compareUtf8(a, b);
}

/** A sorted copy (Array.prototype.sort is stable, like glib's merge sort). */
export function sortChannels<T extends { alias: string }>(channels: readonly T[]): T[] {
  return [...channels].sort((x, y) => compareChannelAliases(x.alias, y.alias));
}
