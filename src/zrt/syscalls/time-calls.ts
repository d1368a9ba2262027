// Time as ZRT keeps it: every query returns the cached time and adds 1 µs; sleeps add their duration.
import { TimespecLayout } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import { checkWritable, readIn, writeOut } from './guest-io.ts';
import { Sys } from './numbers.ts';
import { type SyscallHandler, type ZrtState, int, u32 } from './state.ts';
import { decodeTimePair, encodeTimespec, encodeTimeval } from './structs.ts';

/** The four POSIX clock ids NaCl defines. */
const MAX_CLOCK_ID = 3;

export function timeCalls(st: ZrtState): [number, SyscallHandler][] {
  return [
    [
      Sys.gettimeofday,
      (a, m) => {
        checkWritable(m, u32(a, 0), 16);
        writeOut(m, u32(a, 0), encodeTimeval(st.clock.query()));
        return 0;
      },
    ],
    // clock(): processor time in CLOCKS_PER_SEC = 1e6 ticks, i.e. microseconds since the session began.
    [Sys.clock, () => st.clock.queryElapsedMicros() % 0x80000000],
    [
      Sys.clock_gettime,
      (a, m) => {
        checkWritable(m, u32(a, 1), TimespecLayout.SIZE);
        writeOut(m, u32(a, 1), encodeTimespec(st.clock.query()));
        return 0;
      },
    ],
    [
      Sys.clock_getres,
      (a, m) => {
        const id = int(a, 0);
        if (id < 0 || id > MAX_CLOCK_ID) fail(Errno.EINVAL, `bad clock id ${id}`);
        if (u32(a, 1) !== 0) writeOut(m, u32(a, 1), encodeTimespec({ sec: 0, nsec: 1000 }));
        return 0;
      },
    ],
    [
      Sys.nanosleep,
      (a, m) => {
        const req = decodeTimePair(readIn(m, u32(a, 0), TimespecLayout.SIZE));
        if (req.sec < 0 || req.frac < 0 || req.frac >= 1_000_000_000) fail(Errno.EINVAL, 'bad sleep duration');
        if (u32(a, 1) !== 0) writeOut(m, u32(a, 1), encodeTimespec({ sec: 0, nsec: 0 }));
        st.clock.advanceMicros(req.sec * 1_000_000 + Math.floor(req.frac / 1000));
        return 0;
      },
    ],
  ];
}
