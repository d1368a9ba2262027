// An in-memory random-access device: a byte source (give it data) or sink (read `bytes()` after).
import type { ChannelDevice } from './device.ts';

export class MemoryFile implements ChannelDevice {
  readonly access = 'random' as const;
  private data: Uint8Array;
  private length: number;

  constructor(initial: Uint8Array = new Uint8Array(0)) {
    this.data = initial.slice();
    this.length = initial.length;
  }

  size(): number {
    return this.length;
  }

  read(into: Uint8Array, offset: number): number {
    if (offset >= this.length) return 0;
    const n = Math.min(into.length, this.length - offset);
    into.set(this.data.subarray(offset, offset + n));
    return n;
  }

  write(bytes: Uint8Array, offset: number): number {
    const end = offset + bytes.length;
    if (end > this.data.length) {
      const grown = new Uint8Array(Math.max(end, this.data.length * 2, 64));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    // pwrite past the end leaves a hole of zeros, which the grown buffer already holds.
    this.data.set(bytes, offset);
    this.length = Math.max(this.length, end);
    return bytes.length;
  }

  /** The current contents (a copy). */
  bytes(): Uint8Array {
    return this.data.slice(0, this.length);
  }
}

/** A channel source holding `bytes` (copied). */
export const memorySource = (bytes: Uint8Array): MemoryFile => new MemoryFile(bytes);

/** An empty channel sink; read what was written with `.bytes()`. */
export const memorySink = (): MemoryFile => new MemoryFile();
