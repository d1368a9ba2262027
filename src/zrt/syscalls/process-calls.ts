// exit, getpid, sysconf, sched_yield, TLS and random bytes.
import { NACL_PAGE_SIZE, Sysconf } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import { checkWritable, i32Bytes, writeOut } from './guest-io.ts';
import { Sys } from './numbers.ts';
import { type SyscallHandler, type ZrtState, int, u32 } from './state.ts';

/** Largest get_random_bytes request served in one call (NaCl callers loop on smaller chunks anyway). */
const MAX_RANDOM = 1 << 20;

export function processCalls(st: ZrtState): [number, SyscallHandler][] {
  return [
    [Sys.null, () => 0],
    [Sys.exit, (a) => st.exit(int(a, 0))],
    [Sys.getpid, () => st.pid],
    [Sys.sched_yield, () => 0],
    [
      Sys.sysconf,
      (a, m) => {
        const name = int(a, 0);
        let value: number;
        if (name === Sysconf.NPROCESSORS_ONLN) value = 1;
        else if (name === Sysconf.PAGESIZE) value = NACL_PAGE_SIZE;
        else fail(Errno.EINVAL, `unknown sysconf name ${name}`);
        writeOut(m, u32(a, 1), i32Bytes(value));
        return 0;
      },
    ],
    [Sys.tls_init, (a) => ((st.tls = u32(a, 0)), 0)],
    [Sys.tls_get, () => st.tls],
    [Sys.second_tls_set, (a) => ((st.secondTls = u32(a, 0)), 0)],
    [Sys.second_tls_get, () => st.secondTls],
    [
      Sys.get_random_bytes,
      (a, m) => {
        const count = u32(a, 1);
        if (count > MAX_RANDOM) fail(Errno.EINVAL, 'request too large');
        checkWritable(m, u32(a, 0), count);
        writeOut(m, u32(a, 0), st.random.fill(new Uint8Array(count)));
        return 0;
      },
    ],
  ];
}
