// The runtime's and ZRT's view of the interpreter's sandbox: permission checks without exceptions,
// copies in and out, and mmap/mprotect protections confined to the heap (never executable: the
// interpreter only runs the validated text).
import { PAGE_SHIFT, PAGE_SIZE, Perm, SANDBOX_SIZE, type SandboxMemory } from '../cpu/memory.ts';
import type { GuestMemoryView } from '../runtime/guest-memory.ts';
import type { GuestMemory } from '../zrt/guest-memory.ts';
import { dirtyTrackerOf, type DirtyTracker } from './sandbox-pool.ts';

export class SandboxView implements GuestMemoryView, GuestMemory {
  /** Whole pages ZRT may re-protect: [heapFirstPage, heapEndPage). */
  private readonly heapFirstPage: number;
  private readonly heapEndPage: number;
  /** Set for a pooled sandbox: its clean pages are writable too. */
  private readonly tracker: DirtyTracker | undefined;

  constructor(readonly memory: SandboxMemory, heapStart: number, heapEnd: number) {
    this.heapFirstPage = Math.ceil(heapStart / PAGE_SIZE);
    this.heapEndPage = Math.floor(heapEnd / PAGE_SIZE);
    this.tracker = dirtyTrackerOf(memory);
  }

  isMapped(addr: number, length: number, write: boolean): boolean {
    if (!Number.isInteger(addr) || !Number.isInteger(length) || addr < 0 || length < 0) return false;
    if (addr + length > SANDBOX_SIZE) return false;
    if (length === 0) return true;
    const need = write ? Perm.W : Perm.R;
    const perm = this.memory.perm;
    const clean = write ? this.tracker?.clean : undefined;
    const last = (addr + length - 1) >>> PAGE_SHIFT;
    for (let p = addr >>> PAGE_SHIFT; p <= last; p++) if ((perm[p]! & need) === 0 && !clean?.[p]) return false;
    return true;
  }

  read(addr: number, length: number): Uint8Array {
    return this.memory.u8.slice(addr, addr + length);
  }

  view(addr: number, length: number): Uint8Array {
    return this.memory.u8.subarray(addr, addr + length);
  }

  /** Pages of a tracked sandbox that were never written already hold zeros: they stay untouched. */
  zero(addr: number, length: number): void {
    const dirty = this.tracker?.dirty;
    const end = addr + length;
    for (let at = addr; at < end;) {
      const p = Math.floor(at / PAGE_SIZE);
      const stop = Math.min(end, (p + 1) * PAGE_SIZE);
      if (dirty === undefined || dirty[p] !== 0) this.memory.fillBytes(0, at, stop);
      at = stop;
    }
  }

  write(addr: number, bytes: Uint8Array): void {
    if (this.tracker && bytes.length > 0) this.tracker.claimWrite(addr, bytes.length);
    this.memory.u8.set(bytes, addr);
  }

  /** PROT_READ 1 and PROT_WRITE 2 are the interpreter's R and W bits; PROT_EXEC is dropped. */
  protect(addr: number, length: number, prot: number): void {
    const first = Math.max(Math.floor(addr / PAGE_SIZE), this.heapFirstPage);
    const end = Math.min(Math.ceil((addr + length) / PAGE_SIZE), this.heapEndPage);
    for (let p = first; p < end; p++) {
      this.memory.perm[p] = prot & Perm.RW;
      this.tracker?.protected_(p * PAGE_SIZE, PAGE_SIZE, prot & Perm.RW);
    }
  }

  /** The readable regions in address order (the /dev/memory etag). */
  *readableRegions(): Generator<Uint8Array> {
    const perm = this.memory.perm;
    let p = 0;
    while (p < perm.length) {
      if ((perm[p]! & Perm.R) === 0) { p++; continue; }
      const first = p;
      while (p < perm.length && (perm[p]! & Perm.R) !== 0) p++;
      yield this.memory.u8.subarray(first * PAGE_SIZE, p * PAGE_SIZE);
    }
  }
}
