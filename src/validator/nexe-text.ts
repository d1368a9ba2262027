// Validation of a nexe's text segment as the loader does it: the text is padded with HLT (f4) to a
// whole number of bundles (the loader's halt sled), then validated as one chunk at offset 0.
import { padTo } from './hex.ts';
import type { ValidateOptions } from './options.ts';
import type { ValidationResult } from './result.ts';
import { BUNDLE_SIZE, validateChunk } from './validate-chunk.ts';

export const HLT = 0xf4;

export interface TextValidation extends ValidationResult {
  /** Size validated: the text size rounded up to a multiple of 32. */
  readonly paddedSize: number;
}

/** Validates text bytes (offsets in the result are from the text start). */
export function validateNexeText(text: Uint8Array, options: ValidateOptions = {}): TextValidation {
  const padded = padTo(text, BUNDLE_SIZE, HLT);
  return { ...validateChunk(padded, options), paddedSize: padded.length };
}
