// zerovm's exit status for a manifest before the program runs: 0 when every set-up check passes,
// else the errno of the first fatal error (ZeroVM keeps only the first).
import { ManifestError } from './error.ts';
import type { HostProbe } from './host-probe.ts';
import { parseManifest } from './parse.ts';
import { checkSession, type CheckedSession } from './session-checks.ts';

export type SessionStatus = { status: 0; session: CheckedSession } | { status: number; error: ManifestError };

export function sessionStatus(manifestBytes: Uint8Array | string, probe: HostProbe): SessionStatus {
  try {
    const session = checkSession(parseManifest(manifestBytes), probe);
    return { status: 0, session };
  } catch (e) {
    if (e instanceof ManifestError) return { status: e.status, error: e };
    throw e;
  }
}
