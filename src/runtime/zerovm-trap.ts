// The ZeroVM trap (trampoline slot 0): one pointer to uint64_t[]{id, reserved, args...}, an int32
// result. The rules and their order are those of ZeroVM's src/syscalls/trap.c; this project answers
// Fork with -ENOSYS (no daemon mode). A host I/O failure inside a device is thrown (or rejects the
// Promise): in ZeroVM it is fatal, so the session loop should end the session with EIO.
import { isPromise, type MaybePromise } from '../channels/device.ts';
import type { Channel, ReadResult } from '../channels/channel.ts';
import { Errno } from './errno.ts';
import type { GuestMemoryView } from './guest-memory.ts';
import { TrapId } from './trap-ids.ts';

/** Jail/Unjail support, wired by the session (src/session/jail.ts). */
export interface JailHooks {
  /**
   * ZeroVM's "Heap" region [heapStart, heapEnd): it starts at the data segment (the loader maps
   * data + bss + heap as one region) and ends at the heap end. Blocks must start inside it.
   */
  heapStart: number;
  heapEnd: number;
  /** Runs the NaCl validator over code that will sit at `addr`. */
  validate(addr: number, code: Uint8Array): boolean;
  /** Makes [addr, addr+size) read+exec ('rx') or read+write ('rw'); false if that is impossible. */
  protect(addr: number, size: number, to: 'rx' | 'rw'): boolean;
}

export interface ZeroVMTrapHost {
  memory: GuestMemoryView;
  /** The channel table in handle order. */
  channels: readonly Channel[];
  /** Absent: Jail and Unjail answer -EACCES (no dynamic code). */
  jail?: JailHooks;
}

/** What the trap asks of the session: return a value in %eax, or end with the program's exit code. */
export type TrapResult = number | { exit: number };

const FOUR_GIB = 0x1_0000_0000;
const JAIL_ALIGN = 0x10000;

/** Reads uint64 word `index` of the argument array, or undefined when it is not readable. */
function word(memory: GuestMemoryView, args: number, index: number): bigint | undefined {
  const at = args + index * 8;
  if (at + 8 > FOUR_GIB || !memory.isMapped(at, 8, false)) return undefined;
  const b = memory.read(at, 8);
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, true);
}

const int32 = (v: bigint): number => Number(BigInt.asIntN(32, v));

/**
 * Runs one trap call. `args` is the guest's %rdi (a sandbox address). Returns at once except when a
 * channel device has to wait (a pipe or a host stream): then a Promise the session loop awaits.
 */
export function zerovmTrap(host: ZeroVMTrapHost, args: number): MaybePromise<TrapResult> {
  const words: bigint[] = [];
  const need = (count: number): boolean => {
    for (let i = words.length; i < count; i++) {
      const w = word(host.memory, args, i);
      if (w === undefined) return false;
      words.push(w);
    }
    return true;
  };
  // The argument array itself must be readable (ZeroVM would fault; we answer -EFAULT).
  if (!need(1)) return -Errno.EFAULT;
  switch (words[0]) {
    case BigInt(TrapId.Read):
      if (!need(6)) return -Errno.EFAULT;
      return trapRead(host, int32(words[2]!), words[3]!, int32(words[4]!), BigInt.asIntN(64, words[5]!));
    case BigInt(TrapId.Write):
      if (!need(6)) return -Errno.EFAULT;
      return trapWrite(host, int32(words[2]!), words[3]!, int32(words[4]!), BigInt.asIntN(64, words[5]!));
    case BigInt(TrapId.Jail):
      if (!need(4)) return -Errno.EFAULT;
      return trapJail(host, Number(BigInt.asUintN(32, words[2]!)), int32(words[3]!), 'rx');
    case BigInt(TrapId.Unjail):
      if (!need(4)) return -Errno.EFAULT;
      return trapJail(host, Number(BigInt.asUintN(32, words[2]!)), int32(words[3]!), 'rw');
    case BigInt(TrapId.Exit):
      if (!need(3)) return -Errno.EFAULT;
      return { exit: int32(words[2]!) };
    case BigInt(TrapId.Fork):
      return -Errno.ENOSYS;
    default:
      return -Errno.EPERM;
  }
}

/** The checks both directions share, in ZeroVM's order; a number is the result to return. */
function checkIo(host: ZeroVMTrapHost, handle: number, buffer: bigint, size: number, offset: bigint, write: boolean): Channel | number {
  const channel = handle >= 0 ? host.channels[handle] : undefined;
  if (!channel) return -Errno.EINVAL;
  if (size < 0) return -Errno.EFAULT;
  if (offset < 0n) return -Errno.EINVAL;
  if (size === 0) return 0;
  // Reading a channel writes guest memory, and the other way round.
  if (buffer + BigInt(size) > BigInt(FOUR_GIB) || !host.memory.isMapped(Number(buffer), size, write)) return -Errno.EINVAL;
  return channel;
}

function trapRead(host: ZeroVMTrapHost, handle: number, buffer: bigint, size: number, offset: bigint): MaybePromise<number> {
  const channel = checkIo(host, handle, buffer, size, offset, true);
  if (typeof channel === 'number') return channel;
  const address = Number(buffer);
  const deliver = (r: ReadResult): number => {
    if (typeof r === 'number') return r;
    host.memory.write(address, r);
    return r.length;
  };
  const result = channel.read(size, Number(offset));
  return isPromise(result) ? result.then(deliver) : deliver(result);
}

function trapWrite(host: ZeroVMTrapHost, handle: number, buffer: bigint, size: number, offset: bigint): MaybePromise<number> {
  const channel = checkIo(host, handle, buffer, size, offset, false);
  if (typeof channel === 'number') return channel;
  const address = Number(buffer);
  return channel.write(size, Number(offset), (length) => host.memory.read(address, length));
}

/**
 * Jail ('rx') and Unjail ('rw'). ZeroVM's src/syscalls/trap.c (ZVMJailHandle, ZVMUnjailHandle and
 * their shared JAIL_CHECK) gives the rules and their order: addr is the low 32 bits of the argument
 * and size its int32; size <= 0, a start outside the Heap region or a start off a 64 KiB boundary
 * is -EINVAL (Unjail too); Jail then validates exactly `size` bytes at their own address (any size:
 * the validator refuses one that is not a whole number of bundles) and answers -EPERM when they do
 * not validate; a failed mprotect is -EACCES. Neither call remembers anything: jailing a jailed
 * block validates and protects it again, unjailing a block that was never jailed just makes it
 * read+write, and both answer 0.
 * This project's own rule: the block must also end inside the Heap region, else -EACCES (ZeroVM
 * reads or re-protects past the heap end: its validator faults on the unmapped hole, and its
 * mprotect would make the hole or the user manifest writable).
 */
function trapJail(host: ZeroVMTrapHost, addr: number, size: number, to: 'rx' | 'rw'): number {
  const jail = host.jail;
  if (size <= 0) return -Errno.EINVAL;
  if (!jail) return -Errno.EACCES;
  if (addr < jail.heapStart || addr >= jail.heapEnd) return -Errno.EINVAL;
  if (addr % JAIL_ALIGN !== 0) return -Errno.EINVAL;
  if (addr + size > jail.heapEnd || addr + size > FOUR_GIB) return -Errno.EACCES;
  if (to === 'rx') {
    if (!host.memory.isMapped(addr, size, false)) return -Errno.EACCES;
    if (!jail.validate(addr, host.memory.view(addr, size))) return -Errno.EPERM;
  }
  return jail.protect(addr, size, to) ? 0 : -Errno.EACCES;
}
