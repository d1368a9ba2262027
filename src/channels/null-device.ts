// /dev/null as ZeroVM sees it (a character device): reads end at once, writes vanish.
import type { ChannelDevice } from './device.ts';

export class NullDevice implements ChannelDevice {
  readonly access = 'stream' as const;
  size(): number {
    return 0;
  }
  read(): number {
    return 0;
  }
  write(bytes: Uint8Array): number {
    return bytes.length;
  }
}
