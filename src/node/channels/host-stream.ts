// A host stream (the process's stdin/stdout/stderr, a character device or a FIFO) as a sequential
// channel device. Reads wait asynchronously (a Promise) so other sessions keep running, and like
// ZeroVM's fread() they return only when the buffer is full or the stream has ended; writes are
// synchronous and retried until complete (EAGAIN on a non-blocking pipe is waited out).
import * as fs from 'node:fs';
import type { ChannelDevice, MaybePromise } from '../../channels/device.ts';

export class HostStreamDevice implements ChannelDevice {
  readonly access = 'stream' as const;
  private closed = false;

  /** `owned`: close the descriptor with the channel (not for the process's own 0, 1, 2). */
  constructor(readonly fd: number, private readonly owned: boolean) {}

  static open(path: string, mode: 'r' | 'w'): HostStreamDevice {
    return new HostStreamDevice(fs.openSync(path, mode), true);
  }

  size(): number {
    return 0;
  }

  /** Like ZeroVM's fread(): waits until `into` is full or the stream ends. */
  read(into: Uint8Array): MaybePromise<number> {
    return new Promise<number>((resolve, reject) => {
      let done = 0;
      const attempt = (): void =>
        fs.read(this.fd, into, done, into.length - done, null, (err, n) => {
          // A non-blocking descriptor with nothing to read yet: try again shortly.
          if (err?.code === 'EAGAIN') setTimeout(attempt, 5);
          else if (err) reject(err);
          else if (n === 0 || done + n === into.length) resolve(done + n);
          else {
            done += n;
            attempt();
          }
        });
      attempt();
    });
  }

  write(bytes: Uint8Array): number {
    let done = 0;
    while (done < bytes.length) {
      try {
        done += fs.writeSync(this.fd, bytes, done, bytes.length - done);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); // 1 ms back-off
      }
    }
    return done;
  }

  close(): void {
    if (this.closed || !this.owned) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}
