// This process's stdin as a sequential channel device, read through process.stdin (an event-driven
// stream for terminals and pipes) rather than fs.read on descriptor 0: a read pending in libuv's
// thread pool would hold up the process's exit (even process.exit) until input arrives, so a session
// that times out while waiting for the terminal could not end. Like ZeroVM's fread(), a read returns
// when the buffer is full or the input has ended.
import { ByteQueue } from '../../channels/byte-queue.ts';
import type { ChannelDevice, MaybePromise } from '../../channels/device.ts';

type StdinStream = NodeJS.ReadableStream & { destroy?(): void };

/** Stop pulling from the stream once this much is buffered and not yet read by the guest. */
const HIGH_WATER = 1 << 20;

export class ProcessStdinDevice implements ChannelDevice {
  readonly access = 'stream' as const;
  private readonly queue = new ByteQueue();
  private ended = false;
  private failure: Error | undefined;
  private started = false;
  private wake: (() => void) | undefined;

  private source: StdinStream | undefined;

  /** `stream` defaults to process.stdin, looked up at the first read: creating it costs ~10 ms of start-up. */
  constructor(stream?: StdinStream) {
    this.source = stream;
  }

  private get stream(): StdinStream {
    return (this.source ??= process.stdin);
  }

  size(): number {
    return 0;
  }

  read(into: Uint8Array): MaybePromise<number> {
    this.start();
    if (this.ready(into.length)) return this.take(into);
    this.stream.resume();
    return new Promise<number>((resolve, reject) => {
      this.wake = () => {
        if (this.failure) reject(this.failure);
        else if (this.ready(into.length)) {
          this.wake = undefined;
          resolve(this.take(into));
        }
      };
    });
  }

  write(): number {
    throw new Error('stdin cannot be written');
  }

  close(): void {
    if (!this.started) return;
    this.stream.pause();
    this.stream.removeAllListeners('data');
    this.stream.destroy?.();
  }

  private ready(want: number): boolean {
    return this.queue.length >= want || this.ended || this.failure !== undefined;
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.stream.on('data', (chunk: Uint8Array | string) => {
      const bytes = typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk;
      this.queue.push(bytes);
      if (this.queue.length >= HIGH_WATER) this.stream.pause();
      this.wake?.();
    });
    this.stream.on('end', () => {
      this.ended = true;
      this.wake?.();
    });
    this.stream.on('error', (e: Error) => {
      this.failure = e;
      this.wake?.();
    });
  }

  private take(into: Uint8Array): number {
    if (this.failure && this.queue.length === 0) throw this.failure;
    const n = this.queue.take(into);
    if (this.queue.length < HIGH_WATER && !this.ended) this.stream.resume();
    if (this.queue.length === 0 && !this.ended) this.stream.pause();
    return n;
  }
}
