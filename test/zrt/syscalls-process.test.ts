// exit, getpid, sysconf, sched_yield, TLS, random bytes, unimplemented slots.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../src/zrt/errno.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { ZrtExit } from '../../src/zrt/zrt-exit.ts';
import { Guest } from './harness.ts';

describe('process calls', () => {
  it('exit throws ZrtExit with the status', () => {
    const g = new Guest();
    expect(() => g.call(Sys.exit, 42)).toThrow(ZrtExit);
    try {
      g.call(Sys.exit, -3);
    } catch (e) {
      expect((e as ZrtExit).status).toBe(-3);
    }
  });

  it('getpid, sched_yield, null', () => {
    expect(new Guest().call(Sys.getpid)).toBe(1);
    expect(new Guest({ pid: 7 }).call(Sys.getpid)).toBe(7);
    expect(new Guest().call(Sys.sched_yield)).toBe(0);
    expect(new Guest().call(Sys.null)).toBe(0);
  });

  it('sysconf answers page size and processor count', () => {
    const g = new Guest();
    const out = g.alloc(4);
    expect(g.call(Sys.sysconf, 2, out)).toBe(0);
    expect(g.view().getInt32(out, true)).toBe(65536);
    expect(g.call(Sys.sysconf, 1, out)).toBe(0);
    expect(g.view().getInt32(out, true)).toBe(1);
    expect(g.call(Sys.sysconf, 99, out)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.sysconf, 2, 0)).toBe(-Errno.EFAULT);
  });

  it('keeps the TLS pointers', () => {
    const g = new Guest();
    expect(g.call(Sys.tls_get)).toBe(0);
    expect(g.call(Sys.tls_init, 0xfeed0)).toBe(0);
    expect(g.call(Sys.tls_get)).toBe(0xfeed0);
    expect(g.call(Sys.second_tls_set, 0xbeef)).toBe(0);
    expect(g.call(Sys.second_tls_get)).toBe(0xbeef);
  });

  it('get_random_bytes is deterministic per seed', () => {
    const draw = (seed: number | string) => {
      const g = new Guest({ seed });
      const buf = g.alloc(37);
      expect(g.call(Sys.get_random_bytes, buf, 37)).toBe(0);
      return Array.from(g.bytes(buf, 37));
    };
    expect(draw(1)).toEqual(draw(1));
    expect(draw('session-a')).toEqual(draw('session-a'));
    expect(draw(1)).not.toEqual(draw(2));
    expect(new Set(draw(3)).size).toBeGreaterThan(20);
    expect(new Guest().call(Sys.get_random_bytes, 0, 4)).toBe(-Errno.EFAULT);
  });

  it('answers -ENOSYS for threads, IMC, dyncode and unknown numbers', () => {
    const g = new Guest();
    for (const n of [0, 2, 25, 60, 70, 100, 104, 120, 149, 151, -1, 1000]) expect(g.call(n)).toBe(-Errno.ENOSYS);
  });

  it('converts 64-bit argument registers to their low 32 bits', () => {
    const g = new Guest();
    expect(g.call(Sys.tls_init, 2 ** 32 + 0x1234)).toBe(0);
    expect(g.call(Sys.tls_get)).toBe(0x1234);
    expect(g.call(Sys.close, 2 ** 32 + 999)).toBe(-Errno.EBADF);
  });
});
