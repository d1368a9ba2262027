// Whatever a guest passes to a system call, the session ends the way ZeroVM's would (exit, a signal
// from untrusted code, the instruction budget): never with a host exception, a host-error ending or
// a hang, and the same way every time. A program (asm/call-fuzzer.S) makes the calls that its stdin
// describes: random slots (the ZeroVM trap with a random argument block, NaCl calls, unused slots)
// with random registers, many of them aimed at the program's own buffers and path strings.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Session, type SessionResult } from '../../src/session/index.ts';
import { Channel, memorySink, memorySource } from '../../src/channels/index.ts';
import type { TarEntry, TarEntryType } from '../../src/zrt/tar/entry.ts';
import { writeTar } from '../../src/zrt/tar/writer.ts';
import { buildAsmFile } from './lib/build-asm.ts';

const READ = 0x64616552n, WRITE = 0x74697257n, JAIL = 0x6c69614an, UNJAIL = 0x6c6a6e55n, EXIT = 0x74697845n;
const RECORD = 128;
/** Offsets of the path strings and the scratch area in the program's `pool`. */
const POOL_OFFSETS = [0, 11, 13, 18, 30, 32, 35, 38, 64, 64 + 4000];

const nexe = buildAsmFile('call-fuzzer');

/** Every channel readable and writable, 1 MiB each way: calls with sizes up to 4 GiB stay quick. */
const QUOTAS = { gets: 1000, getSize: 1 << 20, puts: 1000, putSize: 1 << 20 };

/** With `image`, ZRT starts from nvram: a tar mounted at / (/a, /d/b, /l -> a), args and env. */
const IMAGE = writeTar([
  entry('a', 'file', 'hello\n'),
  entry('d', 'dir', ''),
  entry('d/b', 'file', 'x'.repeat(100)),
  { ...entry('l', 'symlink', ''), linkpath: 'a' },
]);
const NVRAM = new TextEncoder().encode('[fstab]\nchannel=/dev/image, mountpoint=/, access=ro, removable=no\n[args]\nargs=fuzz x\n[env]\nname=A, value=1\n');

function entry(path: string, type: TarEntryType, text: string): TarEntry {
  return { path, type, mode: 0o755, uid: 0, gid: 0, mtime: 0, data: new TextEncoder().encode(text), linkpath: '' };
}

async function run(stdin: Uint8Array, image = false): Promise<{ r: SessionResult; stdout: Uint8Array }> {
  const stdout = memorySink();
  const channels = [
    new Channel(memorySource(stdin), { alias: '/dev/stdin', type: 0, limits: QUOTAS, etag: true }),
    new Channel(stdout, { alias: '/dev/stdout', type: 0, limits: QUOTAS, etag: true }),
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits: QUOTAS }),
    new Channel(memorySource(new Uint8Array(4096).fill(7)), { alias: '/dev/file', type: 3, limits: QUOTAS, etag: true }),
  ];
  if (image) {
    channels.push(new Channel(memorySource(NVRAM), { alias: '/dev/nvram', type: 1, limits: QUOTAS }));
    channels.push(new Channel(memorySource(IMAGE), { alias: '/dev/image', type: 1, limits: QUOTAS }));
  }
  const session = new Session(nexe, channels, { instructionBudget: 1_000_000, timeoutSeconds: 30 });
  const r = await session.run();
  session.release();
  return { r, stdout: stdout.bytes().slice() };
}

// The program's addresses: it writes them first, then ends at the empty stdin.
const first = await run(new Uint8Array(0));
const head = new DataView(first.stdout.buffer);
const POOL = BigInt(head.getUint32(0, true));
const REC = BigInt(head.getUint32(4, true));

const u64 = (x: bigint): bigint => BigInt.asUintN(64, x);
const arg = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(0n, 1n, 2n, 3n, -1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 1n << 32n, 1n << 63n).map(u64) },
  { weight: 3, arbitrary: fc.bigInt(0n, 4096n) },
  { weight: 4, arbitrary: fc.constantFrom(...POOL_OFFSETS).map((o) => POOL + BigInt(o)) },
  { weight: 1, arbitrary: fc.constantFrom(REC, REC + 56n, 0x10000n, 0x20000n, 0xfefffffcn, 0xff000000n, 0xfffff000n, 0x1000000n) },
  { weight: 2, arbitrary: fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) },
);
const slot = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 150 }) },
  { weight: 1, arbitrary: fc.integer({ min: 151, max: 255 }) },
);
const trapFunction = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(READ, WRITE, JAIL, UNJAIL) },
  { weight: 1, arbitrary: fc.constantFrom(EXIT, 0x6b726f46n /* Fork */) },
  { weight: 1, arbitrary: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }) },
);
const call: fc.Arbitrary<FuzzCall> = fc.record({ slot, regs: fc.array(arg, { minLength: 6, maxLength: 6 }), fn: trapFunction, block: fc.array(arg, { minLength: 7, maxLength: 7 }) });

interface FuzzCall { slot: number; regs: bigint[]; fn: bigint; block: bigint[] }

function encode(calls: readonly FuzzCall[]): Uint8Array {
  const bytes = new Uint8Array(calls.length * RECORD);
  const v = new DataView(bytes.buffer);
  calls.forEach((c, k) => {
    const at = k * RECORD;
    v.setBigUint64(at, BigInt(c.slot), true);
    c.regs.forEach((x, i) => v.setBigUint64(at + 8 + 8 * i, x, true));
    v.setBigUint64(at + 56, c.fn, true);
    c.block.forEach((x, i) => v.setBigUint64(at + 64 + 8 * i, x, true));
  });
  return bytes;
}

describe('random system calls from a guest', () => {
  it('the program reports its addresses and exits when there is nothing to call', () => {
    expect(first.r.ending).toBe('exit');
    expect(first.stdout.byteLength).toBe(8);
    expect(POOL).toBeGreaterThan(REC);
  });

  it('end as ZeroVM would, the same way each time', async () => {
    let finished = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 8 }), fc.boolean(), async (calls, image) => {
        const input = encode(calls);
        const a = await run(input, image);
        const b = await run(input, image);
        expect(['exit', 'fault', 'instruction-budget']).toContain(a.r.ending);
        expect(b.r.ending).toBe(a.r.ending);
        expect(b.r.exitState).toBe(a.r.exitState);
        expect(b.r.instructions).toBe(a.r.instructions);
        expect(Buffer.from(b.stdout).equals(Buffer.from(a.stdout))).toBe(true);
        expect(a.stdout.byteLength).toBeGreaterThanOrEqual(8); // the two addresses come first
        if (a.r.ending === 'exit' && a.r.userCode === 0 && a.stdout.byteLength === 8 + 4 * calls.length) finished++;
      }),
      { numRuns: 400 },
    );
    // Many runs get through all their calls to the program's own Exit (a generator whose first call
    // always ended the program would test little).
    expect(finished).toBeGreaterThan(100);
  }, 120_000);
});
