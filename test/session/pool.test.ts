// Pooled sandboxes: a reused sandbox starts exactly like a fresh one (nothing a previous guest
// wrote survives), and sessions in pooled sandboxes give the same results as in fresh ones.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Perm } from '../../src/cpu/memory.ts';
import { ProgramCache, Session, SandboxPool, defaultSandboxPool, dirtyTrackerOf } from '../../src/session/index.ts';
import { buildAsm, fixturesDir } from './lib/build-asm.ts';
import { memChannels } from './lib/channels.ts';

// Reads 8 bytes of heap and 8 of stack, prints them, then scribbles over both.
const snoop = buildAsm([
  '        .include "nacl.inc"',
  '        .text',
  'NFUNC _start',
  '        .bundle_lock',
  '        mov $0x100000, %eax',
  '        mov (%r15,%rax,1), %rcx',
  '        .bundle_unlock',
  '        mov %rcx, out(%rip)',
  '        mov -4096(%rsp), %rcx',
  '        mov %rcx, out+8(%rip)',
  '        .bundle_lock',
  '        mov $0x100000, %eax',
  '        movq $0x5a5a5a5a, (%r15,%rax,1)',
  '        .bundle_unlock',
  '        movq $0x77, -4096(%rsp)',
  '        mov $write_args, %edi',
  '        NSYSCALL 0',
  '        mov $exit_args, %edi',
  '        NSYSCALL 0',
  '        .data',
  '        .p2align 3',
  'write_args:',
  '        .quad 0x74697257, 0, 1, out, 16, 0',
  'exit_args:',
  '        .quad 0x74697845, 0, 0',
  'out:',
  '        .quad 0, 0',
  '',
].join('\n'));

/** `pool` undefined: the default pool; null: a fresh sandbox. */
async function runIn(nexe: Uint8Array, pool?: SandboxPool | null, programCache?: ProgramCache) {
  const c = memChannels();
  const s = new Session(nexe, c.channels, { pool, programCache, memory: 64 << 20 });
  const r = await s.run();
  const dirty = s.memory && dirtyTrackerOf(s.memory) ? dirtyTrackerOf(s.memory)!.dirty.reduce((a, b) => a + b, 0) : undefined;
  s.release();
  return { r, out: Array.from(c.stdout.bytes()), dirty };
}

describe('sandbox pool', () => {
  it('a reused sandbox shows nothing of the previous session', async () => {
    const pool = new SandboxPool(1);
    const first = await runIn(snoop, pool);
    expect(first.r.ending).toBe('exit');
    expect(first.out).toEqual(new Array(16).fill(0));
    expect(pool.size).toBe(1);
    const second = await runIn(snoop, pool);
    expect(second.out).toEqual(new Array(16).fill(0));
    // only the pages the program and the loader wrote are dirty, not the 48 MiB of heap and stack
    expect(second.dirty).toBeGreaterThan(3);
    expect(second.dirty).toBeLessThan(12);
  });

  it('fixtures give the same results in pooled and fresh sandboxes, with and without the program cache', async () => {
    const pool = new SandboxPool(1);
    const cache = new ProgramCache(2); // smaller than the set: entries get evicted and rebuilt
    for (const round of [1, 2]) {
      for (const name of ['hello-nacl', 'checksum', 'strings', 'hello-trap', 'invalid-bad-base']) {
        const nexe = new Uint8Array(readFileSync(path.join(fixturesDir, `${name}.nexe`)));
        const fresh = await runIn(nexe, null);
        const pooled = await runIn(nexe, pool, round === 2 ? cache : undefined);
        const cachedAgain = await runIn(nexe, pool, cache);
        for (const other of [pooled, cachedAgain]) {
          expect(other.out).toEqual(fresh.out);
          expect(other.r.ending).toBe(fresh.r.ending);
          expect(other.r.validationErrors).toEqual(fresh.r.validationErrors);
          expect(other.r.userCode).toBe(fresh.r.userCode);
          expect(other.r.instructions).toBe(fresh.r.instructions);
          expect(other.r.report.etags).toEqual(fresh.r.report.etags);
        }
      }
    }
  });

  it('sessions share the default pool unless given another or null, and only released ones return to it', async () => {
    const hello = new Uint8Array(readFileSync(path.join(fixturesDir, 'hello-nacl.nexe')));
    const first = new Session(hello, memChannels().channels, { memory: 64 << 20 });
    await first.run();
    const mem = first.memory!;
    expect(dirtyTrackerOf(mem) !== undefined).toBe(true); // pooled sandboxes are tracked
    first.release();
    const idle = defaultSandboxPool.size;
    expect(idle).toBeGreaterThan(0);
    const second = new Session(hello, memChannels().channels, { memory: 64 << 20 });
    await second.run();
    expect(second.memory).toBe(mem); // the same sandbox again, reset
    expect(defaultSandboxPool.size).toBe(idle - 1);
    second.release();
    second.release(); // a second release changes nothing
    expect(defaultSandboxPool.size).toBe(idle);
    const own = new Session(hello, memChannels().channels, { memory: 64 << 20, pool: null });
    await own.run();
    expect(own.memory).not.toBe(mem);
    expect(dirtyTrackerOf(own.memory!) !== undefined).toBe(true); // tracked as well (ZRT zeroes only its dirty pages)
    own.release();
    expect(defaultSandboxPool.size).toBe(idle);
  });

  it('a pool keeps only sandboxes with at most maxKeptBytes of written pages', async () => {
    const tight = new SandboxPool(2, { maxKeptBytes: 4 * 65536 });
    const roomy = new SandboxPool(2, { maxKeptBytes: 64 * 65536 });
    const a = await runIn(snoop, tight);
    const b = await runIn(snoop, roomy);
    expect(a.dirty).toBe(b.dirty);
    expect(a.dirty).toBeGreaterThan(4); // snoop writes more than 4 pages (loader and guest)
    expect(tight.size).toBe(0);
    expect(roomy.size).toBe(1);
  });

  it('tracks protections over big ranges page by page: dirty pages stay writable, the others turn clean', () => {
    const pool = new SandboxPool(1);
    const mem = pool.acquire();
    const t = dirtyTrackerOf(mem)!;
    const PAGE = 65536;
    mem.protect(0x10000, PAGE, Perm.RX); // a loader-filled page: may hold data
    expect(t.dirty[1]).toBe(1);
    mem.protect(0x100000, 4000 * PAGE, Perm.RW);
    expect(mem.perm[16]).toBe(Perm.R); // clean until written
    expect(t.clean[16]).toBe(1);
    mem.write32(0x100000 + 5 * PAGE + 8, 0x12345678); // first write: the page turns writable and dirty
    expect([t.dirty[21], t.clean[21], mem.perm[21]]).toEqual([1, 0, Perm.RW]);
    mem.protect(0x100000, 4000 * PAGE, Perm.RW); // again (an mprotect): the written page keeps W
    expect([t.clean[20], mem.perm[20], t.clean[21], mem.perm[21], t.clean[22], mem.perm[22]])
      .toEqual([1, Perm.R, 0, Perm.RW, 1, Perm.R]);
    mem.protect(0x100000, 4000 * PAGE, Perm.R);
    expect(t.clean.subarray(16, 16 + 4000).every((c) => c === 0)).toBe(true);
    expect(t.pagesToZero).toBe(2 + 4000 - 1); // pages 1 and 21, then every other R page once
    pool.release(mem);
    expect(mem.u8[0x100000 + 5 * PAGE + 8]).toBe(0);
    expect(mem.perm.every((p) => p === Perm.None)).toBe(true);
  });
});

