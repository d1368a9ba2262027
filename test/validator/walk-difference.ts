// The fast walk (the default) against the reference walk (`cache: false`) on one chunk: the test
// harness of fast-path.test.ts, shared with the tests of single instruction families.
import { validateChunk, type ValidateOptions } from '../../src/validator/index.ts';

/** Differences between the fast and the reference walk on `code`, as text ('' when none). */
export function walkDifference(code: Uint8Array, options: ValidateOptions): string {
  const fast = validateChunk(code, options);
  const reference = validateChunk(code, { ...options, cache: false });
  const parts: string[] = [];
  if (JSON.stringify(fast.errors) !== JSON.stringify(reference.errors)) {
    parts.push(`errors ${JSON.stringify(fast.errors)} vs ${JSON.stringify(reference.errors)}`);
  }
  if (JSON.stringify(fast.warnings) !== JSON.stringify(reference.warnings)) parts.push('warnings differ');
  if (!sameBytes(fast.boundaries, reference.boundaries)) parts.push('boundaries differ');
  if (!sameBytes(fast.jumpTargets, reference.jumpTargets)) parts.push('jump targets differ');
  return parts.length === 0 ? '' : `${Buffer.from(code).toString('hex')} ${JSON.stringify(options)}: ${parts.join('; ')}`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
