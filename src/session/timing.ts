// Wall clock, yielding to the host's event loop, and timers, without Node or DOM types: the core looks
// the functions up on globalThis (Node and browsers have setTimeout; Node also has setImmediate).
export interface SessionTiming {
  /** Milliseconds, monotonic enough for a timeout. */
  now(): number;
  /** Lets the host run other work (I/O callbacks, a page's rendering) between run slices. */
  yieldToHost(): Promise<void>;
  /** Settles after `ms` milliseconds. */
  sleep(ms: number): Promise<void>;
}

type TimerFn = (callback: () => void, ms?: number) => unknown;
type ClearFn = (handle: unknown) => void;
interface HostGlobals {
  setTimeout?: TimerFn;
  clearTimeout?: ClearFn;
  setImmediate?: (callback: () => void) => unknown;
  performance?: { now(): number };
}

const host = globalThis as unknown as HostGlobals;

/** A timer that can be cancelled, so a finished session leaves nothing pending in the event loop. */
export function cancellableSleep(ms: number): { done: Promise<void>; cancel: () => void } {
  let handle: unknown;
  const done = new Promise<void>((resolve) => {
    handle = host.setTimeout?.(resolve, ms);
  });
  return { done, cancel: () => host.clearTimeout?.(handle) };
}

export const defaultTiming: SessionTiming = {
  now: () => host.performance?.now() ?? Date.now(),
  yieldToHost: () =>
    new Promise<void>((resolve) => {
      if (host.setImmediate) host.setImmediate(resolve);
      else if (host.setTimeout) host.setTimeout(resolve, 0);
      else resolve();
    }),
  sleep: (ms) => cancellableSleep(ms).done,
};
