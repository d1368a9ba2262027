// The user manifest ZeroVM places below the stack (src/main/setup.c SetSystemData, api/zvm.h):
//
//   0xFEFFFFFC  u32 pointer to the UserManifest          (4 GiB - stack size - 4)
//   below it    ZVMChannel[count], 48 bytes each:  i64 limits[4] (gets, get_size, puts, put_size),
//               i64 size (0 for type 0 channels), u32 type, u32 name (pointer to the alias)
//   below that  UserManifest, 20 bytes: u32 heap_ptr, u32 heap_size, u32 stack_size,
//               i32 channels_count, u32 channels (pointer to the array)
//   below that  the aliases, NUL-terminated, copied downward in handle order
//
// From the 64 KiB page holding the lowest alias up to the stack, memory is read-only ("SysData").
// The heap ends at that page (or at the end of the Memory budget, whichever is lower).
import { Errno } from './errno.ts';
import { encodeUtf8 } from './utf8.ts';

export const FOUR_GIB = 0x1_0000_0000;
/** NACL_DEFAULT_STACK_MAX: 16 MiB. */
export const DEFAULT_STACK_SIZE = 0x100_0000;
export const USER_MANIFEST_POINTER = FOUR_GIB - DEFAULT_STACK_SIZE - 4; // 0xFEFFFFFC
export const USER_MANIFEST_SIZE = 20;
export const CHANNEL_RECORD_SIZE = 48;
/** LEAST_USER_HEAP_SIZE: the heap must be larger than 8 MiB. */
export const LEAST_USER_HEAP = 0x80_0000;
const PAGE = 0x10000;

const roundUp = (v: number): number => Math.ceil(v / PAGE) * PAGE;
const roundDown = (v: number): number => Math.floor(v / PAGE) * PAGE;

export interface UserChannelRecord {
  alias: string;
  type: number;
  limits: { gets: bigint; getSize: bigint; puts: bigint; putSize: bigint };
  /** The channel size once mounted (reported as 0 for type 0). */
  size: number;
}

export interface UserManifestInput {
  /** Channels in handle order. */
  channels: readonly UserChannelRecord[];
  /** The Memory budget from the manifest (1 .. 4 GiB). */
  memory: number;
  /** End of the program's data+bss (the initial break): the heap starts here. */
  breakAddress: number;
  /** End of the data segment, for the heap-size check (defaults to breakAddress). */
  dataEnd?: number;
  stackSize?: number;
}

export interface UserManifestBlock {
  /** Where `bytes` go: the lowest alias byte. */
  start: number;
  /** Everything from `start` up to the stack (4 GiB - stack size). */
  bytes: Uint8Array;
  /** Address of the u32 pointer (0xFEFFFFFC with the default stack). */
  pointerAddress: number;
  manifestAddress: number;
  channelsAddress: number;
  /** [readOnlyStart, 4 GiB - stack size) is the read-only SysData region. */
  readOnlyStart: number;
  heapStart: number;
  /** End of the heap as the memory budget gives it (ZeroVM's heap_end). */
  heapEnd: number;
  /** heap_size as written: up to the SysData page or heapEnd, whichever is lower. */
  heapSize: number;
  aliasAddresses: number[];
}

export type UserManifestResult = { ok: true; block: UserManifestBlock } | { ok: false; errno: number; problem: string };

export function buildUserManifest(input: UserManifestInput): UserManifestResult {
  const stackSize = input.stackSize ?? DEFAULT_STACK_SIZE;
  const top = FOUR_GIB - stackSize;
  const dataEnd = input.dataEnd ?? input.breakAddress;
  // PreallocateUserMemory(): heap = ROUNDUP(mem - stack) - ROUNDUP(data end), refused at 8 MiB or less.
  const heapEnd = roundUp(input.memory - stackSize);
  const heap = heapEnd - roundUp(dataEnd);
  if (heap <= LEAST_USER_HEAP) {
    return { ok: false, errno: Errno.ENOMEM, problem: `user heap size is too small: ${heap} bytes (Memory ${input.memory} - stack ${stackSize} - data end 0x${dataEnd.toString(16)}; more than ${LEAST_USER_HEAP} needed)` };
  }
  const count = input.channels.length;
  const manifestAddress = top - (count * CHANNEL_RECORD_SIZE + USER_MANIFEST_SIZE + 4);
  const channelsAddress = manifestAddress + USER_MANIFEST_SIZE;
  const pointerAddress = top - 4;
  // Aliases go downward from the manifest, in handle order.
  let cursor = manifestAddress;
  const names = input.channels.map((c) => {
    const encoded = encodeUtf8(c.alias);
    const withNul = new Uint8Array(encoded.length + 1);
    withNul.set(encoded);
    cursor -= withNul.length;
    return { at: cursor, bytes: withNul };
  });
  const start = cursor;
  const bytes = new Uint8Array(top - start);
  const view = new DataView(bytes.buffer);
  const off = (addr: number): number => addr - start;
  for (const n of names) bytes.set(n.bytes, off(n.at));
  input.channels.forEach((c, i) => {
    const at = off(channelsAddress + i * CHANNEL_RECORD_SIZE);
    view.setBigInt64(at, c.limits.gets, true);
    view.setBigInt64(at + 8, c.limits.getSize, true);
    view.setBigInt64(at + 16, c.limits.puts, true);
    view.setBigInt64(at + 24, c.limits.putSize, true);
    view.setBigInt64(at + 32, c.type === 0 ? 0n : BigInt(c.size), true);
    view.setUint32(at + 40, c.type >>> 0, true);
    view.setUint32(at + 44, names[i]!.at, true);
  });
  const readOnlyStart = roundDown(start);
  const heapSize = Math.min(heapEnd, readOnlyStart) - input.breakAddress;
  const m = off(manifestAddress);
  view.setUint32(m, input.breakAddress >>> 0, true);
  view.setUint32(m + 4, heapSize >>> 0, true);
  view.setUint32(m + 8, stackSize >>> 0, true);
  view.setInt32(m + 12, count, true);
  view.setUint32(m + 16, channelsAddress >>> 0, true);
  view.setUint32(off(pointerAddress), manifestAddress >>> 0, true);
  return {
    ok: true,
    block: {
      start,
      bytes,
      pointerAddress,
      manifestAddress,
      channelsAddress,
      readOnlyStart,
      heapStart: input.breakAddress,
      heapEnd,
      heapSize,
      aliasAddresses: names.map((n) => n.at),
    },
  };
}

/** The records for mounted channels: exact limits from the manifest, sizes from the mounted channels. */
export function userChannelRecords(
  specs: readonly { alias: string; type: number; limits: UserChannelRecord['limits'] }[],
  mounted: readonly { size: number }[],
): UserChannelRecord[] {
  return specs.map((s, i) => ({ alias: s.alias, type: s.type, limits: s.limits, size: mounted[i]?.size ?? 0 }));
}
