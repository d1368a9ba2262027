// One ZeroVM channel: a device plus the state ZeroVM keeps for it (type, quotas, counters, cursors,
// size, end-of-file flag, etag) and the exact rules of src/syscalls/trap.c for a read or write
// once the trap has checked the handle, the size, the offset and the guest buffer.
import { isSequentialRead, isSequentialWrite } from '../manifest/access.ts';
import { Errno } from '../runtime/errno.ts';
import { isPromise, type ChannelDevice, type MaybePromise } from './device.ts';
import { Sha1 } from './sha1.ts';

/** Quotas as plain numbers: values above 2^53 behave as "no limit", which they are in practice. */
export interface Quotas {
  gets: number;
  getSize: number;
  puts: number;
  putSize: number;
}

export interface ChannelOptions {
  alias: string;
  /** 0..3: sequential/random get and put (enum ChannelType). */
  type: number;
  limits: Quotas;
  /** Keep a SHA-1 of every byte that passes (the channel's etag). */
  etag?: boolean;
  /** Network source (counted apart in the report's accounting). */
  network?: boolean;
  /** Where sequential and CDR writes start (ZeroVM: the file size for type 1 read-write channels, else 0). */
  putPosition?: number;
}

/** A read gives bytes, or 0 (end of data / nothing to read), or a negative errno. */
export type ReadResult = Uint8Array | number;

const toQuota = (v: bigint | number): number => (typeof v === 'bigint' ? Number(v) : v);

export function quotas(limits: { gets: bigint | number; getSize: bigint | number; puts: bigint | number; putSize: bigint | number }): Quotas {
  return { gets: toQuota(limits.gets), getSize: toQuota(limits.getSize), puts: toQuota(limits.puts), putSize: toQuota(limits.putSize) };
}

export class Channel {
  readonly alias: string;
  readonly type: number;
  readonly limits: Readonly<Quotas>;
  readonly network: boolean;
  /** Calls and bytes so far, in the order of the limits. */
  readonly counters: Quotas = { gets: 0, getSize: 0, puts: 0, putSize: 0 };
  getPosition = 0;
  putPosition: number;
  /** Bytes in the channel: the device size at mount, then grown by writes. */
  size: number;
  eof = false;
  private readonly tag: Sha1 | undefined;

  constructor(readonly device: ChannelDevice, options: ChannelOptions) {
    this.alias = options.alias;
    this.type = options.type;
    this.limits = { ...options.limits };
    this.network = options.network ?? false;
    this.size = device.size();
    this.putPosition = options.putPosition ?? 0;
    this.tag = options.etag ? new Sha1() : undefined;
  }

  get readable(): boolean {
    return this.limits.gets > 0 && this.limits.getSize > 0;
  }

  get writable(): boolean {
    return this.limits.puts > 0 && this.limits.putSize > 0;
  }

  /** The etag (40 hex digits) when etags are on for this channel. */
  etag(): string | undefined {
    return this.tag?.hex();
  }

  /**
   * ZVMReadHandle after the argument checks: `size` >= 1, `offset` >= 0.
   * A Promise comes back only when the device has to wait for data.
   */
  read(size: number, offset: number): MaybePromise<ReadResult> {
    if (isSequentialRead(this.type)) {
      offset = this.getPosition; // the user offset is ignored
    } else {
      // Random reads stop at the end of the channel. Past the end this goes negative, and the
      // quota test below turns it into -EDQUOT, exactly as in ZeroVM.
      size = Math.min(this.size - offset, size);
      if (size === 0) return 0;
    }
    if (this.eof) return 0;
    if (this.counters.gets >= this.limits.gets) return -Errno.EDQUOT;
    const tail = this.limits.getSize - this.counters.getSize;
    if (size > tail) size = tail;
    if (size < 1) return -Errno.EDQUOT;
    // A file cannot give more than it holds past the offset: no need to allocate beyond that.
    if (this.device.access === 'random') size = Math.max(0, Math.min(size, this.device.size() - offset));
    const buffer = new Uint8Array(size);
    const got = this.device.read(buffer, offset);
    return isPromise(got) ? got.then((n) => this.afterRead(buffer, n, offset)) : this.afterRead(buffer, got, offset);
  }

  private afterRead(buffer: Uint8Array, n: number, offset: number): ReadResult {
    if (n === 0 && isSequentialRead(this.type)) this.eof = true;
    if (n > 0) {
      const end = offset + n;
      if (!isSequentialWrite(this.type)) this.putPosition = end;
      this.getPosition = end;
      this.counters.getSize += n;
      this.tag?.update(buffer.subarray(0, n));
    }
    this.counters.gets++;
    return n > 0 ? buffer.subarray(0, n) : 0;
  }

  /**
   * ZVMWriteHandle after the argument checks: `size` >= 1, `offset` >= 0. `take(n)` gives the first
   * n bytes of the guest buffer (called once, with n <= size, only when something will be written).
   * Returns the bytes written or a negative errno.
   */
  write(size: number, offset: number, take: (length: number) => Uint8Array): MaybePromise<number> {
    if (isSequentialWrite(this.type)) offset = this.putPosition;
    if (this.counters.puts >= this.limits.puts) return -Errno.EDQUOT;
    const tail = this.limits.putSize - this.counters.putSize;
    if (!isSequentialWrite(this.type) && offset >= this.limits.putSize) return -Errno.EINVAL;
    // Note the order: once put_size is used up a sequential write lands here (-EINVAL), not on -EDQUOT.
    if (offset >= this.size + tail) return -Errno.EINVAL;
    if (size > tail) size = tail;
    if (size < 1) return -Errno.EDQUOT;
    const bytes = take(size);
    const put = this.device.write(bytes, offset);
    return isPromise(put) ? put.then((n) => this.afterWrite(bytes, n, offset)) : this.afterWrite(bytes, put, offset);
  }

  private afterWrite(bytes: Uint8Array, n: number, offset: number): number {
    this.counters.putSize += n;
    this.counters.puts++;
    if (n > 0) this.tag?.update(bytes.subarray(0, n));
    this.putPosition = offset + n;
    this.size = isSequentialWrite(this.type) ? this.putPosition : Math.max(this.size, this.putPosition);
    this.getPosition = this.putPosition;
    return n;
  }

  close(): MaybePromise<void> {
    return this.device.close?.();
  }
}
