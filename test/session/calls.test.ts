// Channel quotas, end of data, bad handles and bad pointers, through programs that make the calls
// for real (ZeroVM trap at slot 0, NaCl calls served by ZRT) and report each %eax.
import { describe, expect, it } from 'vitest';
import { Channel, memorySink, memorySource, type Quotas } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildAsm } from './lib/build-asm.ts';
import { callProgram, results, type Call } from './lib/call-program.ts';
import { BIG, memChannels } from './lib/channels.ts';

const READ = 0x64616552, WRITE = 0x74697257, JAIL = 0x6c69614a;
const EPERM = 1, EBADF = 9, EFAULT = 14, EINVAL = 22, ENOSYS = 38, EDQUOT = 122;
const digits = new TextEncoder().encode('0123456789');

async function runCalls(calls: Call[], opts: { stdin?: Uint8Array; stdinLimits?: Quotas; extra?: Channel[] } = {}) {
  const c = memChannels(opts.stdin ?? new Uint8Array(0), opts.extra ?? [], opts.stdinLimits ?? BIG);
  const session = new Session(buildAsm(callProgram(calls)), c.channels);
  const r = await session.run();
  expect(r.ending).toBe('exit');
  return { r, values: results(c.stdout.bytes()), session };
}

describe('ZeroVM trap: quotas and end of data', () => {
  it('the get_size quota truncates a read, then the next read gets -EDQUOT (not EOF)', async () => {
    const { values, r } = await runCalls(
      [{ trap: [READ, 0, 0, 'buf', 4, 0] }, { trap: [READ, 0, 0, 'buf', 100, 0] }, { trap: [READ, 0, 0, 'buf', 1, 0] }],
      { stdin: digits, stdinLimits: { gets: 100, getSize: 10, puts: 0, putSize: 0 } },
    );
    expect(values).toEqual([4, 6, -EDQUOT]);
    expect(r.report.local.gets).toBe(2);
    expect(r.report.local.getSize).toBe(10);
  });

  it('a sequential read at the end of data returns 0, and keeps returning 0', async () => {
    const { values } = await runCalls(
      [{ trap: [READ, 0, 0, 'buf', 10, 0] }, { trap: [READ, 0, 0, 'buf', 10, 0] }, { trap: [READ, 0, 0, 'buf', 10, 0] }],
      { stdin: digits },
    );
    expect(values).toEqual([10, 0, 0]);
  });

  it('the puts quota: the third write of a 2-put channel gets -EDQUOT', async () => {
    const sink = memorySink();
    const out = new Channel(sink, { alias: '/dev/out', type: 0, limits: { gets: 0, getSize: 0, puts: 2, putSize: 100 } });
    const { values } = await runCalls(
      [{ trap: [WRITE, 0, 3, 'ro', 5, 0] }, { trap: [WRITE, 0, 3, 'ro', 5, 0] }, { trap: [WRITE, 0, 3, 'ro', 5, 0] }],
      { extra: [out] },
    );
    expect(values).toEqual([5, 5, -EDQUOT]);
    expect(Array.from(sink.bytes())).toEqual(new Array(10).fill(7));
  });

  it('a random-access channel reads at the given offset', async () => {
    const file = new Channel(memorySource(digits), { alias: '/dev/file', type: 3, limits: BIG });
    const c = memChannels(new Uint8Array(0), [file]);
    const prog = callProgram([{ trap: [READ, 0, 3, 'buf', 3, 7] }, { trap: [WRITE, 0, 1, 'buf', 3, 0] }]);
    const r = await new Session(buildAsm(prog), c.channels).run();
    expect(r.ending).toBe('exit');
    expect(new TextDecoder().decode(c.stdout.bytes().subarray(0, 3))).toBe('789');
  });
});

describe('ZeroVM trap: bad handles, pointers and ids', () => {
  it('answers each bad argument with ZeroVM\'s errno', async () => {
    const { values } = await runCalls([
      { trap: [READ, 0, 7, 'buf', 1, 0] }, // no such handle
      { trap: [READ, 0, -1, 'buf', 1, 0] }, // negative handle
      { trap: [READ, 0, 0, 0, 1, 0] }, // buffer in the null guard
      { trap: [READ, 0, 0, 'ro', 1, 0] }, // buffer not writable
      { trap: [WRITE, 0, 1, 0x1_0000_0000n - 8n, 16, 0] }, // past 4 GiB
      { trap: [READ, 0, 0, 'buf', -1, 0] }, // negative size
      { trap: [READ, 0, 0, 'buf', 1, -1] }, // negative offset
      { trap: [READ, 0, 0, 'buf', 0, 0] }, // size 0
      { trap: [0x12345678, 0] }, // unknown function id
      { trap: [JAIL, 0, 0x100000, 0x10000] }, // a heap block of zeros does not validate (test/session/jail.test.ts has the rest)
      { trapRdi: 0 }, // the argument array itself is unreadable
    ], { stdin: digits });
    expect(values).toEqual([-EINVAL, -EINVAL, -EINVAL, -EINVAL, -EINVAL, -EFAULT, -EINVAL, 0, -EPERM, -EPERM, -EFAULT]);
  });
});

describe('NaCl system calls through ZRT', () => {
  it('read and write check descriptors and pointers', async () => {
    const { values } = await runCalls([
      { slot: 12, args: [0, 'buf', 4] }, // read(0, buf, 4)
      { slot: 12, args: [0, 0, 4] }, // read into the null guard
      { slot: 12, args: [0, 'ro', 4] }, // read into rodata
      { slot: 13, args: [2, 0x10, 4] }, // write from the null guard
      { slot: 12, args: [9, 'buf', 1] }, // no such descriptor
      { slot: 13, args: [0, 'buf', 1] }, // stdin is not writable
      { slot: 60, args: [] }, // threads are not part of the sandbox
      { slot: 150, args: ['buf', 8] }, // get_random_bytes
      { slot: 149, args: [] }, // an unused slot
    ], { stdin: digits });
    expect(values.slice(0, 7)).toEqual([4, -EFAULT, -EFAULT, -EFAULT, -EBADF, -EBADF, -ENOSYS]);
    expect(values[7]).toBe(0);
    expect(values[8]).toBe(-ENOSYS);
  });
});
