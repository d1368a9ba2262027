// The report ZeroVM writes to stdout when a session ends (release build, -t0): seven lines.
//   1 validator state   0 ok, 1 failed, 2 not validated
//   2 daemon state      0, or 1 in a daemon
//   3 user return code  the argument of the Exit trap
//   4 etags             "<alias> <sha1 hex>" pairs joined by spaces: channels with etag on, in
//                       handle order, then /dev/memory when the Memory etag is on
//   5 accounting        sys and user seconds (%.2f), then local gets, get bytes, puts, put bytes,
//                       then the same four for network channels
//   6 exit state        "ok", "session timeout", a fatal message, ...
//   7 (empty)           the command line in debug builds
// ZeroVM builds line 4 as "<alias> <hex> " per tag and cuts the last character off the whole
// report so far, which removes the trailing space. With no tag at all the text is "disabled", and
// the same cut leaves "disable": that is what zerovm prints, and what this module prints.

export const EXIT_STATE = {
  ok: 'ok',
  timeout: 'session timeout',
  diskQuota: 'disk quota exceeded',
  validationFailed: 'validation failed',
  unknown: 'unknown error, see syslog',
} as const;

/** The exit state after a signal in untrusted code (address as ZeroVM prints it, lowercase hex). */
export const signalExitState = (signal: number, address: number): string =>
  `Signal ${signal} from untrusted code: Halting at 0x${address.toString(16)}`;

export interface IoCounters {
  gets: number;
  getSize: number;
  puts: number;
  putSize: number;
}

export interface SessionReport {
  validatorState: 0 | 1 | 2;
  daemonState: 0 | 1;
  userCode: number;
  etags: readonly { alias: string; digest: string }[];
  sysTime: number;
  userTime: number;
  local: IoCounters;
  network: IoCounters;
  exitState: string;
}

export const MEMORY_ETAG_ALIAS = '/dev/memory';
const ETAGS_DISABLED = 'disabled';

const io = (c: IoCounters): string => `${c.gets} ${c.getSize} ${c.puts} ${c.putSize}`;

export function formatReport(r: SessionReport): string {
  const tags = r.etags.map((t) => `${t.alias} ${t.digest} `).join('');
  const etagLine = (tags === '' ? ETAGS_DISABLED : tags).slice(0, -1);
  const accounting = `${r.sysTime.toFixed(2)} ${r.userTime.toFixed(2)} ${io(r.local)} ${io(r.network)}`;
  return `${r.validatorState}\n${r.daemonState}\n${r.userCode | 0}\n${etagLine}\n${accounting}\n${r.exitState}\n\n`;
}

/** Sums the channel counters into the local and network columns of the accounting line. */
export function accountChannels(channels: readonly { network: boolean; counters: IoCounters }[]): { local: IoCounters; network: IoCounters } {
  const zero = (): IoCounters => ({ gets: 0, getSize: 0, puts: 0, putSize: 0 });
  const local = zero();
  const network = zero();
  for (const c of channels) {
    const into = c.network ? network : local;
    into.gets += c.counters.gets;
    into.getSize += c.counters.getSize;
    into.puts += c.counters.puts;
    into.putSize += c.counters.putSize;
  }
  return { local, network };
}

/**
 * zerovm's own exit status: the errno of the FIRST fatal error, 0 if none. It is not the program's
 * return code (that is line 3 of the report).
 */
export class ExitStatus {
  private value = 0;
  private state: string | undefined;

  /** Records a fatal error; only the first one counts (SetExitCode). */
  fail(errno: number, state: string): void {
    if (this.value !== 0) return;
    this.value = errno;
    this.state = state;
  }

  /** The program called Exit: the state becomes "ok" unless an error came first. */
  programExited(): void {
    if (this.value === 0) this.state = EXIT_STATE.ok;
  }

  get code(): number {
    return this.value;
  }

  get exitState(): string {
    return this.state ?? EXIT_STATE.unknown;
  }
}
