// The NaCl system call table (slots 1..150): every handler turns a thrown ZrtErrno into -errno;
// slots without a handler answer -ENOSYS.
import { Errno, ZrtErrno } from '../errno.ts';
import { fileCalls } from './file-calls.ts';
import { memoryCalls } from './memory-calls.ts';
import { MAX_SYSCALL } from './numbers.ts';
import { pathCalls } from './path-calls.ts';
import { processCalls } from './process-calls.ts';
import type { SyscallHandler, ZrtState } from './state.ts';
import { timeCalls } from './time-calls.ts';

export const enosys: SyscallHandler = () => -Errno.ENOSYS;

function guarded(handler: SyscallHandler): SyscallHandler {
  return (args, mem) => {
    try {
      return handler(args, mem);
    } catch (e) {
      if (e instanceof ZrtErrno) return -e.errno;
      throw e;
    }
  };
}

/** Slot n -> handler, for n in 0..MAX_SYSCALL (slot 0, the ZeroVM trap, is not served here: -ENOSYS). */
export function buildSyscallTable(st: ZrtState): readonly SyscallHandler[] {
  const table: SyscallHandler[] = new Array<SyscallHandler>(MAX_SYSCALL + 1).fill(enosys);
  for (const group of [fileCalls, pathCalls, memoryCalls, timeCalls, processCalls]) {
    for (const [n, h] of group(st)) table[n] = guarded(h);
  }
  return table;
}
