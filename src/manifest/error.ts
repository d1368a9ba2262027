// The one error type of the manifest and of the session set-up stages that follow it.
import { errnoName } from '../runtime/errno.ts';

/** Which ZeroVM stage refused the session (they run in this order). */
export type ManifestStage =
  | 'read' // the manifest file itself
  | 'parse' // one line (ManifestTextCtor)
  | 'keys' // obligatory / singleton keys (CheckCounters)
  | 'program' // the Program file: exists, size, ELF
  | 'channels' // count, name server, one channel at a time, standard channels (ChannelsCtor)
  | 'memory' // Memory range (user memory preallocation)
  | 'timeout'; // Timeout range (LastDefenseLine)

export class ManifestError extends Error {
  override readonly name = 'ManifestError';
  /**
   * @param status the zerovm exit status (a Linux errno) this failure gives
   * @param line 1-based manifest line, when one line is at fault
   * @param problem what is wrong, in words
   */
  constructor(
    readonly stage: ManifestStage,
    readonly status: number,
    readonly line: number | undefined,
    readonly problem: string,
  ) {
    super(`MANIFEST${line === undefined ? '' : ` ${line}`}: ${problem} (zerovm exit status ${status}, ${errnoName(status)})`);
  }
}
