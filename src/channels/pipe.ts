// A pipe between two sessions in one process: the producer's channel writes, the consumer's reads.
// A read on an empty pipe returns a Promise that settles when data arrives or the writer closes
// (then 0: end of data). Writes are taken whole; with a capacity, a write that fills the pipe
// returns a Promise that settles once the reader has drained it below capacity.
import { ByteQueue } from './byte-queue.ts';
import type { ChannelDevice, MaybePromise } from './device.ts';

class PipeState {
  readonly queue = new ByteQueue();
  closed = false;
  readerGone = false;
  readerWaiting: (() => void) | undefined;
  writerWaiting: (() => void) | undefined;

  constructor(readonly capacity: number) {}

  wakeReader(): void {
    const w = this.readerWaiting;
    this.readerWaiting = undefined;
    w?.();
  }

  wakeWriter(): void {
    const w = this.writerWaiting;
    this.writerWaiting = undefined;
    w?.();
  }

  take(into: Uint8Array): number {
    const n = this.queue.take(into);
    if (this.queue.length < this.capacity) this.wakeWriter();
    return n;
  }
}

export class PipeReader implements ChannelDevice {
  readonly access = 'stream' as const;
  constructor(private readonly state: PipeState) {}
  size(): number {
    return 0;
  }
  read(into: Uint8Array): MaybePromise<number> {
    const s = this.state;
    if (into.length === 0) return 0;
    if (s.queue.length > 0) return s.take(into);
    if (s.closed) return 0;
    if (s.readerWaiting) throw new Error('pipe: a second read while one is waiting');
    return new Promise<number>((resolve) => {
      s.readerWaiting = () => resolve(s.queue.length > 0 ? s.take(into) : 0);
    });
  }
  write(): number {
    throw new Error('pipe: the reading end cannot be written');
  }
  /** The consumer is done: later writes fail (EPIPE) and a blocked writer is released. */
  close(): void {
    this.state.readerGone = true;
    this.state.wakeWriter();
  }
}

export class PipeWriter implements ChannelDevice {
  readonly access = 'stream' as const;
  constructor(private readonly state: PipeState) {}
  size(): number {
    return 0;
  }
  read(): number {
    throw new Error('pipe: the writing end cannot be read');
  }
  write(bytes: Uint8Array): MaybePromise<number> {
    const s = this.state;
    if (s.closed) throw new Error('pipe: write after close');
    if (s.readerGone) throw new Error('pipe: EPIPE, the reading session has ended');
    if (bytes.length === 0) return 0;
    s.queue.push(bytes.slice());
    s.wakeReader();
    if (s.queue.length < s.capacity) return bytes.length;
    return new Promise<number>((resolve) => {
      s.writerWaiting = () => resolve(bytes.length);
    });
  }
  close(): void {
    this.state.closed = true;
    this.state.wakeReader();
  }
}

export interface Pipe {
  reader: PipeReader;
  writer: PipeWriter;
}

/** `capacity` bytes may wait in the pipe before a write blocks (default: no limit). */
export function createPipe(capacity = Infinity): Pipe {
  const state = new PipeState(capacity);
  return { reader: new PipeReader(state), writer: new PipeWriter(state) };
}
