// The validator: splits the chunk into 32-byte bundles, walks each bundle instruction by
// instruction (fixed sequences first, then ordinary instructions), applies the sandbox rules, and
// checks direct jump targets once the whole chunk has been seen. Bundles are walked by the fast
// walk (fast-walk.ts) unless `cache: false` asks for the reference walk (reference-walk.ts).
import { testBit } from './bitmap.ts';
import { refreshFastWalk, walkChunkFast } from './fast-walk.ts';
import { Message } from './messages.ts';
import type { ValidateOptions } from './options.ts';
import { walkBundleReference } from './reference-walk.ts';
import type { ValidationResult } from './result.ts';
import { BUNDLE_SIZE, Walk } from './walk.ts';

export { BUNDLE_SIZE } from './walk.ts';

/** Validates a bundle-aligned chunk of code whose offsets start at 0. */
export function validateChunk(code: Uint8Array, options: ValidateOptions = {}): ValidationResult {
  const w = new Walk(code, options);
  const size = code.length;
  if (size % BUNDLE_SIZE !== 0) w.error(size - (size % BUNDLE_SIZE), Message.BadSize);
  if (w.fast) {
    refreshFastWalk();
    walkChunkFast(w);
  } else {
    for (let bundle = 0; bundle < size && !w.stopped; bundle += BUNDLE_SIZE) walkBundleReference(w, bundle, Math.min(bundle + BUNDLE_SIZE, size));
  }
  for (let i = 0; i < w.jumps.length; i += 2) {
    const to = w.jumps[i + 1]!;
    if (to % BUNDLE_SIZE !== 0 && !testBit(w.boundaries, to)) w.error(w.jumps[i]!, Message.BadJumpTarget);
  }
  return {
    valid: w.errors.length === 0,
    errors: w.errors,
    warnings: w.warnings,
    boundaries: w.boundaries,
    jumpTargets: w.jumpTargets,
  };
}
