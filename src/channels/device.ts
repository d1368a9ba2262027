// The host side of a channel: where its bytes come from and go to.
//
// Blocking design: a device answers a read or write either at once (a plain value) or later (a
// Promise), e.g. a read on an empty pipe. The channel and the trap pass such a Promise through
// unchanged, so the session loop does `const r = trap(...); if (r instanceof Promise) await r`: the
// interpreter stays synchronous and only calls that really wait cost an await.

export type MaybePromise<T> = T | Promise<T>;

export interface ChannelDevice {
  /**
   * 'random': pread/pwrite at the given offset, and a size (a regular file).
   * 'stream': bytes in order, the offset is ignored, no size (a character device, FIFO or pipe).
   */
  readonly access: 'random' | 'stream';
  /** Size in bytes when mounted (random devices); 0 for streams. */
  size(): number;
  /** Fills the start of `into`; returns how many bytes were read, 0 at end of data. Throws on host I/O errors. */
  read(into: Uint8Array, offset: number): MaybePromise<number>;
  /** Writes `bytes`; returns how many were written. Throws on host I/O errors. */
  write(bytes: Uint8Array, offset: number): MaybePromise<number>;
  /** Ends the device (a pipe writer signals end of data to its reader). */
  close?(): MaybePromise<void>;
}

export const isPromise = <T>(v: MaybePromise<T>): v is Promise<T> =>
  typeof (v as { then?: unknown } | null)?.then === 'function';
