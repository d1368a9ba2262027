// A small guest for trap tests: flat memory, an argument array at ARGS, buffers at BUF.
import { Channel, quotas } from '../../src/channels/channel.ts';
import type { ChannelDevice } from '../../src/channels/device.ts';
import { FlatGuestMemory } from '../../src/runtime/guest-memory.ts';
import { zerovmTrap, type JailHooks, type TrapResult } from '../../src/runtime/zerovm-trap.ts';

export const ARGS = 0x10000;
export const BUF = 0x20000;
export const HEAP = 0x30000;

export interface Guest {
  memory: FlatGuestMemory;
  channels: Channel[];
  jail?: JailHooks;
  call(id: number | bigint, ...args: (number | bigint)[]): TrapResult | Promise<TrapResult>;
}

export function guest(channels: Channel[], jail?: JailHooks): Guest {
  const memory = new FlatGuestMemory(0x10000, 0x40000);
  const g: Guest = {
    memory,
    channels,
    ...(jail ? { jail } : {}),
    call(id, ...args) {
      const words = [BigInt(id), 0n, ...args.map((a) => BigInt.asUintN(64, BigInt(a)))];
      const view = new DataView(memory.bytes.buffer);
      words.forEach((w, i) => view.setBigUint64(ARGS - memory.base + i * 8, w, true));
      return zerovmTrap({ memory, channels: g.channels, ...(g.jail ? { jail: g.jail } : {}) }, ARGS);
    },
  };
  return g;
}

export function channel(device: ChannelDevice, type: number, limits: [number, number, number, number], options: { etag?: boolean; putPosition?: number } = {}): Channel {
  const [gets, getSize, puts, putSize] = limits;
  return new Channel(device, { alias: '/dev/test', type, limits: quotas({ gets, getSize, puts, putSize }), ...options });
}

export const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
