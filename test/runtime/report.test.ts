// The seven-line report and zerovm's first-error-wins exit status.
import { describe, expect, it } from 'vitest';
import { Channel, quotas } from '../../src/channels/channel.ts';
import { MemoryFile } from '../../src/channels/memory-file.ts';
import { EXIT_STATE, ExitStatus, accountChannels, formatReport, signalExitState, type SessionReport } from '../../src/runtime/report.ts';

const base: SessionReport = {
  validatorState: 0,
  daemonState: 0,
  userCode: 0,
  etags: [],
  sysTime: 0,
  userTime: 0,
  local: { gets: 0, getSize: 0, puts: 0, putSize: 0 },
  network: { gets: 0, getSize: 0, puts: 0, putSize: 0 },
  exitState: EXIT_STATE.ok,
};

describe('formatReport', () => {
  it('prints seven newline-ended lines, the last one empty', () => {
    const text = formatReport({ ...base, userCode: -3, sysTime: 0.126, userTime: 1.5, local: { gets: 1, getSize: 2, puts: 3, putSize: 4 }, network: { gets: 5, getSize: 6, puts: 7, putSize: 8 } });
    expect(text).toBe('0\n0\n-3\ndisable\n0.13 1.50 1 2 3 4 5 6 7 8\nok\n\n');
    expect(text.split('\n')).toHaveLength(8);
  });

  it('joins etags as alias/digest pairs without a trailing space', () => {
    const etags = [{ alias: '/dev/stdout', digest: 'a'.repeat(40) }, { alias: '/dev/memory', digest: 'b'.repeat(40) }];
    expect(formatReport({ ...base, etags }).split('\n')[3]).toBe(`/dev/stdout ${'a'.repeat(40)} /dev/memory ${'b'.repeat(40)}`);
  });

  it('prints a signal exit state like ZeroVM', () => {
    expect(formatReport({ ...base, validatorState: 2, exitState: signalExitState(11, 0x20040) }).split('\n')[5]).toBe('Signal 11 from untrusted code: Halting at 0x20040');
  });
});

describe('accountChannels', () => {
  it('sums local and network counters apart', () => {
    const a = new Channel(new MemoryFile(), { alias: 'a', type: 0, limits: quotas({ gets: 1, getSize: 1, puts: 1, putSize: 1 }) });
    const b = new Channel(new MemoryFile(), { alias: 'b', type: 0, limits: quotas({ gets: 1, getSize: 1, puts: 1, putSize: 1 }), network: true });
    Object.assign(a.counters, { gets: 1, getSize: 10, puts: 2, putSize: 20 });
    Object.assign(b.counters, { gets: 3, getSize: 30, puts: 4, putSize: 40 });
    expect(accountChannels([a, b, a])).toEqual({ local: { gets: 2, getSize: 20, puts: 4, putSize: 40 }, network: { gets: 3, getSize: 30, puts: 4, putSize: 40 } });
  });
});

describe('ExitStatus', () => {
  it('keeps only the first error and its state', () => {
    const s = new ExitStatus();
    expect([s.code, s.exitState]).toEqual([0, EXIT_STATE.unknown]);
    s.fail(8, EXIT_STATE.validationFailed);
    s.fail(4, EXIT_STATE.timeout);
    s.programExited();
    expect([s.code, s.exitState]).toEqual([8, 'validation failed']);
    const ok = new ExitStatus();
    ok.programExited();
    expect([ok.code, ok.exitState]).toEqual([0, 'ok']);
  });
});

describe('sessionReport', () => {
  it('lists channel etags in handle order, then /dev/memory, and sums the I/O', async () => {
    const { sessionReport } = await import('../../src/runtime/session-report.ts');
    const { createHash } = await import('node:crypto');
    const tagged = new Channel(new MemoryFile(new TextEncoder().encode('abc')), { alias: '/dev/stdin', type: 0, limits: quotas({ gets: 9, getSize: 9, puts: 0, putSize: 0 }), etag: true });
    const plain = new Channel(new MemoryFile(), { alias: '/dev/stdout', type: 0, limits: quotas({ gets: 0, getSize: 0, puts: 9, putSize: 9 }) });
    tagged.read(9, 0);
    plain.write(2, 0, () => Uint8Array.of(1, 2));
    const text = formatReport(sessionReport({ channels: [tagged, plain], validatorState: 0, userCode: 7, exitState: EXIT_STATE.ok, memoryDigest: 'f'.repeat(40) }));
    expect(text).toBe(`0\n0\n7\n/dev/stdin ${createHash('sha1').update('abc').digest('hex')} /dev/memory ${'f'.repeat(40)}\n0.00 0.00 1 3 1 2 0 0 0 0\nok\n\n`);
  });
});
