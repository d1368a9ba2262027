// The session clock for Node: process.hrtime instead of the core's performance.now(), because
// Node builds its `performance` global on first use (loading perf_hooks: ~2.5 ms of a `zvm exec`).
import { defaultTiming, type SessionTiming } from '../../session/index.ts';

export const nodeTiming: SessionTiming = {
  ...defaultTiming,
  now: () => {
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6;
  },
};
