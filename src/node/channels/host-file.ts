// A regular host file as a random-access channel device: pread/pwrite at the channel's offsets,
// as ZeroVM does for regular files whatever the channel type.
import * as fs from 'node:fs';
import type { ChannelDevice } from '../../channels/device.ts';

export class HostFileDevice implements ChannelDevice {
  readonly access = 'random' as const;
  private closed = false;

  /** Takes ownership of `fd`. */
  constructor(readonly fd: number) {}

  static open(path: string, flags: 'r' | 'w' | 'a+'): HostFileDevice {
    // 'a+' is only used to create a missing file for read-write use; positions still come from us.
    const fd = fs.openSync(path, flags === 'a+' ? fs.constants.O_RDWR | fs.constants.O_CREAT : flags, 0o600);
    return new HostFileDevice(fd);
  }

  size(): number {
    return fs.fstatSync(this.fd).size;
  }

  read(into: Uint8Array, offset: number): number {
    let done = 0;
    while (done < into.length) {
      const n = fs.readSync(this.fd, into, done, into.length - done, offset + done);
      if (n === 0) break;
      done += n;
    }
    return done;
  }

  write(bytes: Uint8Array, offset: number): number {
    let done = 0;
    while (done < bytes.length) done += fs.writeSync(this.fd, bytes, done, bytes.length - done, offset + done);
    return done;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    fs.closeSync(this.fd);
  }
}
