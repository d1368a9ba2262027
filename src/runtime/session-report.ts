// Assembling the report from a finished session's channels, as ZeroVM does at exit: channel etags
// in handle order (only channels with etag on), then /dev/memory when the Memory etag is on.
import type { Channel } from '../channels/channel.ts';
import { Sha1 } from '../channels/sha1.ts';
import { MEMORY_ETAG_ALIAS, accountChannels, type SessionReport } from './report.ts';

export interface SessionEnd {
  channels: readonly Channel[];
  /** 0 validated, 1 failed, 2 not validated (e.g. the session stopped before validation). */
  validatorState: 0 | 1 | 2;
  userCode: number;
  exitState: string;
  /** SHA-1 hex of the readable user memory, when the manifest's Memory etag is on. */
  memoryDigest?: string;
  /** CPU seconds, when the host measures them (ZeroVM reads /proc; 0 otherwise). */
  sysTime?: number;
  userTime?: number;
  daemonState?: 0 | 1;
}

export function sessionReport(end: SessionEnd): SessionReport {
  const etags: { alias: string; digest: string }[] = [];
  for (const c of end.channels) {
    const digest = c.etag();
    if (digest !== undefined) etags.push({ alias: c.alias, digest });
  }
  if (end.memoryDigest !== undefined) etags.push({ alias: MEMORY_ETAG_ALIAS, digest: end.memoryDigest });
  const { local, network } = accountChannels(end.channels);
  return {
    validatorState: end.validatorState,
    daemonState: end.daemonState ?? 0,
    userCode: end.userCode,
    etags,
    sysTime: end.sysTime ?? 0,
    userTime: end.userTime ?? 0,
    local,
    network,
    exitState: end.exitState,
  };
}

/** The /dev/memory etag: SHA-1 over the readable memory regions, in address order (ZeroVM's mem_map). */
export function memoryDigest(readableRegions: Iterable<Uint8Array>): string {
  const h = new Sha1();
  for (const r of readableRegions) h.update(r);
  return h.hex();
}
