// The heap allocator against a page-set model: mappings never overlap each other or the break.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NACL_PAGE_SIZE } from '../../src/zrt/abi.ts';
import { HeapAllocator } from '../../src/zrt/heap.ts';

const P = NACL_PAGE_SIZE;

describe('HeapAllocator (property)', () => {
  it('keeps mappings page-aligned, inside the heap, disjoint and above the break', () => {
    const start = 0x123400; // deliberately not page aligned
    const end = start + 40 * P + 0x800;
    const op = fc.oneof(
      fc.record({ k: fc.constant('mmap' as const), len: fc.integer({ min: 1, max: 6 * P }), fixed: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }) }),
      fc.record({ k: fc.constant('munmap' as const), page: fc.integer({ min: 0, max: 45 }), pages: fc.integer({ min: 1, max: 4 }) }),
      fc.record({ k: fc.constant('brk' as const), to: fc.integer({ min: start - P, max: end + P }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const heap = new HeapAllocator(start, end);
        const base = Math.ceil(start / P) * P;
        const owned = new Set<number>(); // mapped page addresses, the model
        for (const o of ops) {
          if (o.k === 'mmap') {
            const fixed = o.fixed === undefined ? undefined : base + o.fixed * P;
            const a = heap.mmap(o.len, fixed);
            if (a < 0) continue;
            expect(a % P).toBe(0);
            if (fixed !== undefined) expect(a).toBe(fixed);
            for (let p = a; p < a + o.len; p += P) {
              expect(p).toBeGreaterThanOrEqual(Math.ceil(heap.break / P) * P);
              expect(p + P).toBeLessThanOrEqual(end);
              if (fixed === undefined) expect(owned.has(p)).toBe(false); // fresh mappings take free pages only
              owned.add(p);
            }
          } else if (o.k === 'munmap') {
            const a = base + o.page * P;
            if (heap.munmap(a, o.pages * P) === 0) for (let i = 0; i < o.pages; i++) owned.delete(a + i * P);
          } else {
            const before = heap.break;
            const after = heap.brk(o.to);
            const lowest = Math.min(end, ...[...owned]);
            if (o.to >= start && o.to <= lowest) expect(after).toBe(o.to);
            else expect(after).toBe(before);
          }
          for (const p of owned) expect(heap.isAllocated(p, P)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});
