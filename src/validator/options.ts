// Options of validateChunk and validateNexeText.
import type { Feature } from '../decoder/types.ts';

export interface ValidateOptions {
  /**
   * CPU features the code may use (default: NaCl's policy set). A feature inside NaCl's policy but
   * missing here gives "required CPU feature not found"; one outside the policy is refused anyway.
   * The runtime passes the interpreter's implemented profile.
   */
  readonly features?: readonly Feature[];
  /**
   * ZeroVM's determinism policy: refuse rdtsc (as "unrecognized instruction"). Default true; the
   * NaCl corpus comparison must pass false.
   */
  readonly deterministic?: boolean;
  /** Report "warning - bad call alignment" (calls that do not end at a bundle end). Default false. */
  readonly callAlignmentWarnings?: boolean;
  /**
   * Use the fast walk (default true); false runs the reference walk, which decodes every
   * instruction (tests and the benchmark compare the two).
   */
  readonly cache?: boolean;
  /**
   * Stop at the first error, for callers that need only the verdict (TrapJail, on guest blocks of
   * up to 2 GiB whose every instruction may be wrong): `errors` then holds just that first one.
   */
  readonly verdictOnly?: boolean;
}
