// `zerovm MANIFEST` on Node: read and check the manifest, build the session (channels are mounted
// after validation, as ZeroVM does), run it, and give zerovm's report and exit status. A manifest
// that is refused before anything runs still gets a report (validator state 2, the refusal as the
// exit state), which is what ZeroVM writes when it stops early.
import * as path from 'node:path';
import { ElfError } from '../../elf/index.ts';
import { sessionStatus } from '../../manifest/status.ts';
import { formatReport } from '../../runtime/report.ts';
import { sessionReport } from '../../runtime/session-report.ts';
import { Session, type SessionOptions } from '../../session/session.ts';
import type { SessionResult } from '../../session/result.ts';
import { ManifestError } from '../../manifest/error.ts';
import { MountError, mountChannels } from '../channels/mount.ts';
import { nodeHostProbe } from '../channels/host-probe.ts';
import { readManifestFile } from '../channels/open-session.ts';
import { processCpuTime } from './cpu-time.ts';
import { nodeTiming } from './host-timing.ts';

export interface RunManifestOptions {
  /** Directory relative Program paths resolve against (default: the process's). */
  cwd?: string;
  skipValidation?: boolean;
  validateOnly?: boolean;
  instructionBudget?: number;
  /** Passed through to the Session (timing, slice size, memory factory...). */
  session?: SessionOptions;
}

export interface ManifestRun {
  /** zerovm's exit status. */
  status: number;
  reportText: string;
  /** Why the session was refused before it ran (one line), if it was. */
  message?: string;
  /** The session's result when it got as far as the program. */
  result?: SessionResult;
}

function refused(status: number, message: string): ManifestRun {
  const report = sessionReport({ channels: [], validatorState: 2, userCode: 0, exitState: message });
  return { status, message, reportText: formatReport(report) };
}

export async function runManifest(file: string, options: RunManifestOptions = {}): Promise<ManifestRun> {
  let bytes: Uint8Array;
  try {
    bytes = readManifestFile(file);
  } catch (e) {
    const m = e as ManifestError;
    return refused(m.status, m.message);
  }
  const checked = sessionStatus(bytes, nodeHostProbe({ cwd: options.cwd ?? process.cwd() }));
  if ('error' in checked) return refused(checked.status, `${path.basename(file)}: ${checked.error.message}`);
  const { manifest, channels: specs, program } = checked.session;
  let session: Session;
  try {
    session = new Session(
      program,
      () => {
        try {
          return mountChannels(specs);
        } catch (e) {
          if (e instanceof MountError) return { errno: e.status, problem: `${path.basename(file)}: ${e.message}` };
          throw e;
        }
      },
      {
        cpuTime: processCpuTime,
        timing: nodeTiming,
        ...options.session,
        memory: Number(manifest.memory),
        memoryEtag: manifest.memoryEtag,
        timeoutSeconds: manifest.timeout,
        channelLimits: specs.map((s) => s.limits),
        skipValidation: options.skipValidation,
        validateOnly: options.validateOnly,
        instructionBudget: options.instructionBudget ?? options.session?.instructionBudget,
      },
    );
  } catch (e) {
    // checkSession already parsed the ELF; this only guards against a reader change.
    if (e instanceof ElfError) return refused(8, `${path.basename(file)}: ${e.message}`);
    throw e;
  }
  const result = await session.run();
  return { status: result.status, reportText: result.reportText, result };
}
