// ZRT's deterministic clock: one cached time that starts at nvram [time] seconds (or the epoch) and moves
// forward by 1 microsecond per query and by the full duration of each sleep.

export interface Timestamp {
  readonly sec: number;
  readonly nsec: number;
}

export class DeterministicClock {
  /** Microseconds since the epoch; stays a safe integer (saturates instead of losing precision). */
  private micros: number;
  private readonly startMicros: number;

  constructor(startSeconds = 0) {
    this.micros = Math.max(0, Math.trunc(startSeconds)) * 1_000_000;
    this.startMicros = this.micros;
  }

  /** The current time without advancing it. */
  peek(): Timestamp {
    return { sec: Math.floor(this.micros / 1_000_000), nsec: (this.micros % 1_000_000) * 1000 };
  }

  /** Read the time, then advance it by 1 µs, as every ZRT time query does. */
  query(): Timestamp {
    const t = this.peek();
    this.advanceMicros(1);
    return t;
  }

  /** Microseconds elapsed since the session started, then +1 µs (ZRT's clock()). */
  queryElapsedMicros(): number {
    const elapsed = this.micros - this.startMicros;
    this.advanceMicros(1);
    return elapsed;
  }

  advanceMicros(us: number): void {
    this.micros = Math.min(Number.MAX_SAFE_INTEGER, this.micros + Math.max(0, Math.floor(us)));
  }
}
