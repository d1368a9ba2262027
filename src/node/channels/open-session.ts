// From a manifest file on disk to mounted channels, with zerovm's exit status for every refusal:
// the manifest file (ENOENT/EIO), parsing and set-up checks, then mounting on the host.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Channel } from '../../channels/channel.ts';
import { ManifestError } from '../../manifest/error.ts';
import { sessionStatus } from '../../manifest/status.ts';
import type { CheckedSession } from '../../manifest/session-checks.ts';
import { Errno } from '../../runtime/errno.ts';
import { nodeHostProbe } from './host-probe.ts';
import { MountError, mountChannels } from './mount.ts';

export type OpenedSession =
  | { ok: true; session: CheckedSession; channels: Channel[] }
  | { ok: false; status: number; message: string };

/** Reads a manifest file; a missing or unreadable file is zerovm's "manifest open error" (ENOENT). */
export function readManifestFile(file: string): Uint8Array {
  try {
    return new Uint8Array(fs.readFileSync(file));
  } catch (e) {
    throw new ManifestError('read', Errno.ENOENT, undefined, `manifest open error: ${file}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** Relative Program paths resolve against `cwd` (default: the process's working directory, as zerovm). */
export function openSession(manifestFile: string, options: { cwd?: string } = {}): OpenedSession {
  let bytes: Uint8Array;
  try {
    bytes = readManifestFile(manifestFile);
  } catch (e) {
    const m = e as ManifestError;
    return { ok: false, status: m.status, message: m.message };
  }
  const checked = sessionStatus(bytes, nodeHostProbe({ cwd: options.cwd ?? process.cwd() }));
  if ('error' in checked) return { ok: false, status: checked.status, message: `${path.basename(manifestFile)}: ${checked.error.message}` };
  try {
    return { ok: true, session: checked.session, channels: mountChannels(checked.session.channels) };
  } catch (e) {
    if (e instanceof MountError) return { ok: false, status: e.status, message: `${path.basename(manifestFile)}: ${e.message}` };
    throw e;
  }
}
