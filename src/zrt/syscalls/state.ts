// What the system calls act on, and the handler shape.
import type { DeterministicClock } from '../clock.ts';
import type { MemoryFileSystem } from '../fs/file-system.ts';
import type { FdTable } from '../fs/open-file.ts';
import type { DirInode } from '../fs/inode.ts';
import type { GuestMemory } from '../guest-memory.ts';
import type { HeapAllocator } from '../heap.ts';
import type { DeterministicRandom } from '../random.ts';

/**
 * One system call: six argument registers (64-bit values as numbers, or their low 32 bits), the guest
 * memory; the result for %rax (negative NaCl errno on failure).
 */
export type SyscallHandler = (args: readonly number[], mem: GuestMemory) => number;

export interface ZrtState {
  readonly fs: MemoryFileSystem;
  readonly fds: FdTable;
  readonly clock: DeterministicClock;
  readonly random: DeterministicRandom;
  readonly heap: HeapAllocator;
  cwd: DirInode;
  tls: number;
  secondTls: number;
  readonly pid: number;
  /** Runs the `wo` exports and ends the session by throwing ZrtExit. */
  exit(status: number): never;
}

/** Argument register `i` as a signed 32-bit int (descriptors, flags, whence). */
export function int(args: readonly number[], i: number): number {
  return (args[i] ?? 0) | 0;
}

/** Argument register `i` as an unsigned 32-bit value (pointers, sizes, modes). */
export function u32(args: readonly number[], i: number): number {
  return (args[i] ?? 0) >>> 0;
}
