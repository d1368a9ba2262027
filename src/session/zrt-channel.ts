// A ZeroVM channel as ZRT's synchronous ChannelView. ZRT cannot wait, so when the channel's device
// has to (an empty pipe, a host stream), the call throws WouldBlock: the session ends the slice,
// awaits the device, keeps its answer here, and runs the same system call again, which then gets the
// kept answer at once. A blocked call changes no ZRT state before it throws, so the retry is exact.
import type { Channel, ReadResult } from '../channels/channel.ts';
import { isPromise } from '../channels/device.ts';
import type { ChannelView } from '../zrt/fs/devices.ts';

export class WouldBlock {
  constructor(readonly ready: Promise<void>) {}
}

export class ZrtChannel implements ChannelView {
  private keptRead: ReadResult | undefined;
  private keptWrite: number | undefined;

  constructor(readonly channel: Channel) {}

  get alias(): string {
    return this.channel.alias;
  }
  get type(): number {
    return this.channel.type;
  }
  /** As in the user manifest: 0 for type 0 (sequential both ways), else the current size. */
  get size(): number {
    return this.channel.type === 0 ? 0 : this.channel.size;
  }
  get readable(): boolean {
    return this.channel.readable;
  }
  get writable(): boolean {
    return this.channel.writable;
  }

  read(buf: Uint8Array, offset: number): number {
    if (buf.length === 0) return 0;
    const kept = this.keptRead;
    if (kept !== undefined) {
      this.keptRead = undefined;
      return deliver(kept, buf);
    }
    const r = this.channel.read(buf.length, offset);
    if (isPromise(r)) throw new WouldBlock(r.then((v) => { this.keptRead = v; }));
    return deliver(r, buf);
  }

  write(bytes: Uint8Array, offset: number): number {
    if (bytes.length === 0) return 0;
    const kept = this.keptWrite;
    if (kept !== undefined) {
      this.keptWrite = undefined;
      return kept;
    }
    const r = this.channel.write(bytes.length, offset, (n) => bytes.subarray(0, n));
    if (isPromise(r)) throw new WouldBlock(r.then((v) => { this.keptWrite = v; }));
    return r;
  }
}

function deliver(r: ReadResult, buf: Uint8Array): number {
  if (typeof r === 'number') return r;
  const n = Math.min(r.length, buf.length);
  buf.set(r.subarray(0, n));
  return n;
}
