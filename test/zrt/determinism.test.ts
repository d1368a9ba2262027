// The same sequence of calls twice gives identical results, times, bytes and memory.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mman, OpenFlag } from '../../src/zrt/abi.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { Guest, MemoryChannel, stdChannels } from './harness.ts';

type Step = { kind: number; n: number; name: number };

function run(steps: readonly Step[], seed: string): { results: number[]; memory: Uint8Array; stdout: Uint8Array } {
  const ch = [...stdChannels('some input for the guest'), new MemoryChannel('/dev/blob', 3, 'random access blob')];
  const g = new Guest({ channels: ch, seed, nvram: '[time]\nseconds=1000000\n' });
  const results: number[] = [];
  const buf = g.alloc(4096);
  const path = (i: number) => g.str(`/tmp/f${i % 4}`);
  for (const { kind, n, name } of steps) {
    switch (kind) {
      case 0: results.push(g.call(Sys.gettimeofday, buf)); break;
      case 1: results.push(g.call(Sys.clock_gettime, 0, buf + 16)); break;
      case 2: results.push(g.call(Sys.clock)); break;
      case 3: results.push(g.call(Sys.get_random_bytes, buf + 32, n % 64)); break;
      case 4: results.push(g.call(Sys.open, path(name), OpenFlag.O_CREAT | OpenFlag.O_RDWR, 0o644)); break;
      case 5: results.push(g.call(Sys.write, 3 + (name % 4), buf, n % 300)); break;
      case 6: results.push(g.call(Sys.read, name % 6, buf + 512, n % 300)); break;
      case 7: results.push(g.call(Sys.stat, path(name), buf + 1024)); break;
      case 8: results.push(g.call(Sys.mmap, 0, 1 + n * 97, Mman.PROT_READ | Mman.PROT_WRITE, Mman.MAP_PRIVATE | Mman.MAP_ANONYMOUS, -1, 0)); break;
      case 9: {
        g.view().setBigInt64(buf + 2048, BigInt(n % 3), true);
        g.view().setInt32(buf + 2056, n * 1000, true);
        results.push(g.call(Sys.nanosleep, buf + 2048, 0));
        break;
      }
      case 10: results.push(g.call(Sys.getdents, g.call(Sys.open, g.str('/tmp'), 0, 0), buf + 3072, 1024)); break;
      case 11: results.push(g.call(Sys.write, 1, buf + 32, n % 64)); break;
      case 12: results.push(g.call(Sys.unlink, path(name))); break;
      default: results.push(g.call(Sys.mkdir, g.str(`/tmp/d${name % 3}`), 0o755));
    }
  }
  return { results, memory: g.mem.bytes, stdout: ch[1]!.content };
}

describe('determinism', () => {
  it('replays identically (property)', () => {
    const step = fc.record({ kind: fc.integer({ min: 0, max: 13 }), n: fc.integer({ min: 0, max: 999 }), name: fc.integer({ min: 0, max: 9 }) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.constantFrom('s1', 's2'), (steps, seed) => {
        const a = run(steps, seed);
        const b = run(steps, seed);
        expect(b.results).toEqual(a.results);
        expect(b.stdout).toEqual(a.stdout);
        expect(Buffer.compare(Buffer.from(a.memory), Buffer.from(b.memory))).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('a different seed changes the random bytes and nothing else', () => {
    const steps: Step[] = [{ kind: 0, n: 0, name: 0 }, { kind: 3, n: 40, name: 0 }, { kind: 0, n: 0, name: 0 }];
    const a = run(steps, 's1');
    const b = run(steps, 's2');
    expect(b.results).toEqual(a.results);
    expect(Buffer.compare(Buffer.from(a.memory), Buffer.from(b.memory))).not.toBe(0);
  });
});
