// Reusing 4 GiB sandboxes. Every new 4 GiB ArrayBuffer makes V8 run a full garbage collection
// ("external memory pressure": 15-100 ms), which would dominate a session's start-up. A pool keeps
// released sandboxes and resets them by zeroing only the pages that may hold data.
//
// Knowing those pages without scanning 4 GiB: pages the layout maps writable start read-only and
// "clean"; the first guest write to one lands in SandboxMemory.violation(), which the pool wraps to
// make the page writable, note it dirty and let the write proceed (the interpreter's write paths
// call violation() and continue when it returns). Pages the loader fills are dirty from the start.
// The runtime's view (SandboxView) treats clean pages as writable through `dirtyTrackerOf`.
// Proposed for src/cpu instead of the wrapping: a first-write hook or dirty bitmap in SandboxMemory.
// Sessions without a pool track their sandbox the same way (trackedSandbox): ZRT zeroes only dirty pages.
import { PAGE_SHIFT, PAGE_SIZE, Perm, SandboxMemory } from '../cpu/memory.ts';

const PAGE_COUNT = 0x1_0000_0000 / PAGE_SIZE;

export class DirtyTracker {
  /** Pages the guest may write that still hold zeros (their permission lacks W until written). */
  readonly clean = new Uint8Array(PAGE_COUNT);
  /** Pages that may hold non-zero bytes. */
  readonly dirty = new Uint8Array(PAGE_COUNT);
  /** The same pages as a list, plus every page mapped without W (filled by the loader): what reset zeroes. */
  private readonly toZero: number[] = [];

  constructor(readonly memory: SandboxMemory) {}

  /** True when every page of [a, a+size) is writable or clean; clean ones become writable and dirty. */
  claimWrite(a: number, size: number): boolean {
    if (size <= 0 || a < 0 || a + size > 0x1_0000_0000) return false;
    const perm = this.memory.perm;
    const last = (a + size - 1) >>> PAGE_SHIFT;
    for (let p = a >>> PAGE_SHIFT; p <= last; p++) if ((perm[p]! & Perm.W) === 0 && this.clean[p] === 0) return false;
    for (let p = a >>> PAGE_SHIFT; p <= last; p++) this.touch(p);
    return true;
  }

  /** Marks a page dirty, making a clean one writable. */
  touch(p: number): void {
    if (this.clean[p]) {
      this.clean[p] = 0;
      this.memory.perm[p]! |= Perm.W;
    }
    if (this.dirty[p] === 0) {
      this.dirty[p] = 1;
      this.toZero.push(p);
    }
  }

  /**
   * After protect(): writable pages that were never written become clean (read-only until written).
   * Pages mapped without W may hold what the loader put there (hlt fills) and count as dirty. Range
   * operations, not a loop over pages: the loader maps the 4 GiB in a few calls of up to 65 536 pages.
   */
  protected_(start: number, size: number, perm: number): void {
    if (size <= 0) return;
    const first = Math.max(0, Math.floor(start / PAGE_SIZE));
    const end = Math.min(PAGE_COUNT, Math.floor((start + size - 1) / PAGE_SIZE) + 1);
    if ((perm & Perm.W) === 0) {
      this.clean.fill(0, first, end);
      if (perm === Perm.None) return;
      for (let p = first; p < end; p++) {
        if (this.dirty[p] === 0) {
          this.dirty[p] = 1;
          this.toZero.push(p);
        }
      }
      return;
    }
    // Writable: the runs of never-written pages between dirty ones become clean.
    for (let p = first; p < end;) {
      const next = this.dirty.indexOf(1, p);
      const stop = next === -1 || next >= end ? end : next;
      if (stop > p) {
        this.clean.fill(1, p, stop);
        this.memory.perm.fill(perm & ~Perm.W, p, stop);
      }
      if (stop < end) this.clean[stop] = 0; // written before: stays writable (and is in toZero)
      p = stop + 1;
    }
  }

  /** Pages reset() would zero: what keeping this sandbox for reuse costs in host memory. */
  get pagesToZero(): number {
    return this.toZero.length;
  }

  /** Zeroes every page that may hold data and unmaps everything. */
  reset(): void {
    const { perm } = this.memory;
    for (const p of this.toZero) this.memory.fillBytes(0, p * PAGE_SIZE, (p + 1) * PAGE_SIZE);
    this.toZero.length = 0;
    perm.fill(Perm.None);
    this.clean.fill(0);
    this.dirty.fill(0);
  }
}

const trackers = new WeakMap<SandboxMemory, DirtyTracker>();

/** The tracker of a pooled sandbox (undefined for a plain one). */
export const dirtyTrackerOf = (m: SandboxMemory): DirtyTracker | undefined => trackers.get(m);

type Violation = (a: number, size: number, need: number) => void;

function track(mem: SandboxMemory): DirtyTracker {
  const t = new DirtyTracker(mem);
  const hooks = mem as unknown as { violation: Violation; protect: SandboxMemory['protect']; poke: SandboxMemory['poke'] };
  const violation = SandboxMemory.prototype.violation as Violation;
  const protect = SandboxMemory.prototype.protect;
  const poke = SandboxMemory.prototype.poke;
  hooks.violation = (a, size, need) => {
    if (need === Perm.W && t.claimWrite(a, size)) return; // first write to a clean page: let it through
    violation.call(mem, a, size, need);
  };
  hooks.protect = (start, size, perm) => {
    protect.call(mem, start, size, perm);
    t.protected_(start, size, perm);
  };
  hooks.poke = (a, data) => {
    poke.call(mem, a, data);
    if (data.length > 0) for (let p = a >>> PAGE_SHIFT; p <= (a + data.length - 1) >>> PAGE_SHIFT; p++) t.touch(p);
  };
  trackers.set(mem, t);
  return t;
}

/** A new sandbox with a dirty tracker, as pooled ones have (the runtime then knows its zero pages). */
export function trackedSandbox(): SandboxMemory {
  const mem = new SandboxMemory();
  track(mem);
  return mem;
}

export interface SandboxPoolOptions {
  /**
   * Keep a released sandbox only if at most this many of its bytes may hold data (default: no
   * limit). Zeroed pages stay resident, so a pool that kept a big program's sandbox would hold
   * that memory until the sandbox is reused; a fresh sandbox costs little next to such a run.
   */
  maxKeptBytes?: number;
}

export class SandboxPool {
  private readonly idle: SandboxMemory[] = [];
  /**
   * Sandboxes handed out and not yet released (a release of anything else is ignored). Weak: a
   * session that is never released leaves its sandbox to the garbage collector.
   */
  private readonly lent = new WeakSet<SandboxMemory>();
  private readonly maxKeptPages: number;

  /** `keep`: how many released sandboxes to hold on to (each costs its dirty pages of host memory). */
  constructor(readonly keep = 4, options: SandboxPoolOptions = {}) {
    this.maxKeptPages = Math.floor((options.maxKeptBytes ?? Infinity) / PAGE_SIZE);
  }

  acquire(): SandboxMemory {
    const mem = this.idle.pop() ?? new SandboxMemory();
    if (!trackers.has(mem)) track(mem);
    this.lent.add(mem);
    return mem;
  }

  release(mem: SandboxMemory): void {
    if (!this.lent.delete(mem)) return;
    const tracker = trackers.get(mem)!;
    if (this.idle.length >= this.keep || tracker.pagesToZero > this.maxKeptPages) return;
    tracker.reset();
    this.idle.push(mem);
  }

  get size(): number {
    return this.idle.length;
  }
}

/**
 * The pool sessions use unless told otherwise (SessionOptions.pool). Without it every session
 * allocates a 4 GiB buffer, and past the first two of a process each such allocation makes V8 run
 * a full garbage collection (see allocateSandbox): ~20-30 ms for a hello that then runs in 0.5 ms.
 * It keeps two small sandboxes (up to 64 MiB of written pages each) for sessions that call release().
 */
export const defaultSandboxPool = new SandboxPool(2, { maxKeptBytes: 64 << 20 });
