// ZRT's deterministic time: start at [time] seconds (or 0), +1 µs per query, sleeps add their duration.
import { describe, expect, it } from 'vitest';
import { Errno } from '../../src/zrt/errno.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { Guest } from './harness.ts';

function timeval(g: Guest): [number, number] {
  const tv = g.alloc(16);
  expect(g.call(Sys.gettimeofday, tv)).toBe(0);
  return [g.readI64(tv), g.view().getInt32(tv + 8, true)];
}

function timespec(g: Guest, clockId = 0): [number, number] {
  const ts = g.alloc(16);
  expect(g.call(Sys.clock_gettime, clockId, ts)).toBe(0);
  return [g.readI64(ts), g.view().getInt32(ts + 8, true)];
}

function sleep(g: Guest, sec: number, nsec: number, rem = 0): number {
  const req = g.alloc(16);
  g.view().setBigInt64(req, BigInt(sec), true);
  g.view().setInt32(req + 8, nsec, true);
  return g.call(Sys.nanosleep, req, rem);
}

describe('time', () => {
  it('starts at the epoch without [time] and advances 1 µs per query', () => {
    const g = new Guest();
    expect(timeval(g)).toEqual([0, 0]);
    expect(timeval(g)).toEqual([0, 1]);
    expect(timespec(g)).toEqual([0, 2000]);
    expect(timespec(g, 1)).toEqual([0, 3000]); // every clock id reads the same clock
  });

  it('starts at [time] seconds', () => {
    const g = new Guest({ nvram: '[time]\nseconds=1370454582 #since 1970\n' });
    expect(timeval(g)).toEqual([1370454582, 0]);
    expect(timespec(g)).toEqual([1370454582, 1000]);
  });

  it('adds a sleep to the clock and returns at once', () => {
    const g = new Guest();
    expect(sleep(g, 2, 500_000_000, g.alloc(16))).toBe(0);
    expect(timeval(g)).toEqual([2, 500_000]);
    expect(sleep(g, 0, 999_999_999)).toBe(0);
    expect(timeval(g)).toEqual([3, 500_000]); // 999_999 µs added, then the +1 of the previous query
    expect(sleep(g, 0, 1_000_000_000)).toBe(-Errno.EINVAL);
    expect(sleep(g, -1, 0)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.nanosleep, 0, 0)).toBe(-Errno.EFAULT);
  });

  it('clock() counts microseconds since the start and advances too', () => {
    const g = new Guest({ nvram: '[time]\nseconds=100\n' });
    expect(g.call(Sys.clock)).toBe(0);
    expect(g.call(Sys.clock)).toBe(1);
    timeval(g);
    expect(g.call(Sys.clock)).toBe(3);
  });

  it('clock_getres reports microsecond resolution without moving the clock', () => {
    const g = new Guest();
    const ts = g.alloc(16);
    expect(g.call(Sys.clock_getres, 0, ts)).toBe(0);
    expect([g.readI64(ts), g.view().getInt32(ts + 8, true)]).toEqual([0, 1000]);
    expect(g.call(Sys.clock_getres, 9, ts)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.clock_getres, 1, 0)).toBe(0);
    expect(timeval(g)).toEqual([0, 0]);
  });

  it('does not advance the clock on a faulting query', () => {
    const g = new Guest();
    expect(g.call(Sys.gettimeofday, 0)).toBe(-Errno.EFAULT);
    expect(g.call(Sys.clock_gettime, 0, 0)).toBe(-Errno.EFAULT);
    expect(timeval(g)).toEqual([0, 0]);
  });
});
