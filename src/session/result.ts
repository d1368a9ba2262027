// What a finished session gives back: the report as data and as ZeroVM's seven lines, zerovm's exit
// status, and the facts behind them (how it ended, the fault, the instruction count).
import type { SessionReport } from '../runtime/report.ts';
import type { ValidationError } from '../validator/index.ts';
import type { GuestFault } from './faults.ts';

export type SessionEnding =
  /** The program called Exit (ZeroVM trap) or exit (NaCl slot 30). */
  | 'exit'
  /** A signal from untrusted code (bad access, hlt, #DE, #UD, bad jump). */
  | 'fault'
  /** The wall-clock Timeout passed. */
  | 'timeout'
  /** The deterministic instruction budget ran out. */
  | 'instruction-budget'
  /** The validator refused the text; nothing ran. */
  | 'validation-failed'
  /** Validate-only (zerovm -F): validated, not run. */
  | 'validated'
  /** The session could not be set up (e.g. the Memory budget leaves too small a heap, a bad nvram). */
  | 'setup-failed'
  /** A host device failed (fatal in ZeroVM: EIO). */
  | 'host-error';

export const EXIT_STATE_INSTRUCTION_BUDGET = 'instruction budget exhausted';

export interface SessionResult {
  ending: SessionEnding;
  /** zerovm's process exit status: the errno of the first fatal error, 0 when none. */
  status: number;
  report: SessionReport;
  /** The report as zerovm prints it (7 lines). */
  reportText: string;
  validatorState: 0 | 1 | 2;
  /** The validator's errors (offsets from the text start) when it refused the text. */
  validationErrors: readonly ValidationError[];
  userCode: number;
  exitState: string;
  /** Guest instructions retired. */
  instructions: number;
  fault?: GuestFault;
  /** The host exception behind a 'host-error' ending (a device's I/O error, e.g. EPIPE on a closed pipe). */
  hostError?: unknown;
  /** Wall-clock milliseconds from run() to the end. */
  elapsedMs: number;
}
