// A FIFO of byte chunks: writers append whole chunks, readers take any number of bytes across them.
export class ByteQueue {
  private readonly chunks: Uint8Array[] = [];
  /** Bytes queued and not yet taken. */
  length = 0;

  /** Appends `bytes` (kept as given: pass a copy if the caller reuses its buffer). */
  push(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.length;
  }

  /** Moves up to `into.length` bytes into `into`; returns how many. */
  take(into: Uint8Array): number {
    let n = 0;
    while (n < into.length && this.chunks.length > 0) {
      const head = this.chunks[0]!;
      const k = Math.min(head.length, into.length - n);
      into.set(head.subarray(0, k), n);
      n += k;
      if (k === head.length) this.chunks.shift();
      else this.chunks[0] = head.subarray(k);
    }
    this.length -= n;
    return n;
  }
}
