// The 4 GiB sandbox in sandbox coordinates (r15 = 0): one lazily committed ArrayBuffer, so host
// memory grows with the pages the guest touches, plus a permission byte per 64 KiB page.
// Every access is bounds- and permission-checked; a violation throws a FaultSignal.
import { FaultKind, fault } from './fault.ts';

export const SANDBOX_SIZE = 2 ** 32;
export const PAGE_SHIFT = 16;
export const PAGE_SIZE = 1 << PAGE_SHIFT;
const PAGE_COUNT = SANDBOX_SIZE / PAGE_SIZE;

/** Page permission bits. */
export const Perm = { None: 0, R: 1, W: 2, X: 4, RW: 3, RX: 5 } as const;

/** Shared sandboxes handed out and not yet reported collected (see allocateSandbox). */
let sharedUncollected = 0;
const sharedCollected = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry<number>(() => { sharedUncollected--; })
  : undefined;
/** Bytes fillBytes writes with fill() before it doubles them with copyWithin. */
const FILL_SEED = 256;

/** Beyond this many uncollected shared sandboxes, allocateSandbox falls back to a plain buffer. */
export const SHARED_SANDBOX_CAP = 2;

/**
 * The 4 GiB of one sandbox, zeroed and committed lazily by the host (a host that refuses 4 GiB
 * fails here). V8 counts a plain ArrayBuffer as external memory, and 4 GiB of it makes every
 * allocation run a full "memory reducing" garbage collection (5-100 ms, growing with the heap);
 * a SharedArrayBuffer is not counted, so sandboxes are shared ones where the host has them. Not
 * counted also means never collected for being large: dead shared sandboxes would pile up (each a
 * 4 GiB mapping; a few make fork() fail with ENOMEM), so while SHARED_SANDBOX_CAP of them are not
 * known to be collected (a FinalizationRegistry reports that, in a later task), plain buffers take
 * over; the collection their allocation forces reclaims the dead shared ones too. So a zvm exec and
 * a process's first sessions skip the collection; a process that keeps making fresh sandboxes skips
 * it when its event loop turns between them; a SandboxPool skips it always. Hosts without
 * SharedArrayBuffer (browsers without cross-origin isolation) get plain buffers. Guest bytes reach
 * devices as copies (slice), never as views of this buffer.
 */
export function allocateSandbox(): ArrayBuffer | SharedArrayBuffer {
  if (sharedCollected === undefined || typeof SharedArrayBuffer !== 'function' || sharedUncollected >= SHARED_SANDBOX_CAP) {
    return new ArrayBuffer(SANDBOX_SIZE);
  }
  const buffer = new SharedArrayBuffer(SANDBOX_SIZE);
  sharedUncollected++;
  sharedCollected.register(buffer, 0);
  return buffer;
}

/**
 * Sandbox memory. Addresses are non-negative numbers; anything >= 2^32 is outside the sandbox
 * (address computation folds a non-zero high half into such a value).
 */
export class SandboxMemory {
  readonly buffer: ArrayBuffer | SharedArrayBuffer;
  readonly u8: Uint8Array;
  readonly dv: DataView;
  readonly perm = new Uint8Array(PAGE_COUNT);
  /** High half of the last read64. */
  hi = 0;

  /** V8 fills a shared buffer byte by byte (~0.7 ns a byte, 30x a plain buffer's fill); copies stay fast. */
  private readonly shared: boolean;

  /** `buffer`: a smaller one only for a private machine whose mapped pages all lie inside it (the interpreter's warm-up). */
  constructor(buffer: ArrayBuffer | SharedArrayBuffer = allocateSandbox()) {
    this.buffer = buffer;
    this.u8 = new Uint8Array(this.buffer);
    this.dv = new DataView(this.buffer);
    this.shared = typeof SharedArrayBuffer === 'function' && this.buffer instanceof SharedArrayBuffer;
  }

  /**
   * Sets bytes [start, end) to `value` (no permission check: callers check or own the range). In a
   * shared sandbox a long run is a short fill doubled by copyWithin.
   */
  fillBytes(value: number, start: number, end: number): void {
    const u8 = this.u8;
    if (!this.shared || end - start <= FILL_SEED) {
      u8.fill(value, start, end);
      return;
    }
    u8.fill(value, start, start + FILL_SEED);
    for (let done = FILL_SEED; done < end - start; done *= 2) {
      u8.copyWithin(start + done, start, start + Math.min(done, end - start - done));
    }
  }

  /** Sets the permission of every page overlapping [start, start+size). */
  protect(start: number, size: number, perm: number): void {
    if (size <= 0) return;
    const first = Math.floor(start / PAGE_SIZE);
    const last = Math.floor((start + size - 1) / PAGE_SIZE);
    if (last >= 0) this.perm.fill(perm, Math.max(first, 0), Math.min(last + 1, PAGE_COUNT));
  }

  /** Throws the right fault for an access of `size` bytes at `a` needing permission `need`. */
  violation(a: number, size: number, need: number): never {
    if (a < 0 || a + size > SANDBOX_SIZE) fault(FaultKind.Unmapped, a);
    for (let x = a; x < a + size; x = (Math.floor(x / PAGE_SIZE) + 1) * PAGE_SIZE) {
      const p = this.perm[x >>> PAGE_SHIFT];
      if (p === Perm.None) fault(FaultKind.Unmapped, x);
      if ((p & need) === 0) fault(need === Perm.W ? FaultKind.WriteProtected : FaultKind.Unmapped, x);
    }
    fault(FaultKind.Unmapped, a);
  }

  /** Checks that [a, a+size) is entirely accessible with `need`, faulting otherwise. */
  check(a: number, size: number, need: number): void {
    if (size === 0) return;
    if (a < 0 || a + size > SANDBOX_SIZE) this.violation(a, size, need);
    const last = (a + size - 1) >>> PAGE_SHIFT;
    for (let p = a >>> PAGE_SHIFT; p <= last; p++) {
      if ((this.perm[p] & need) === 0) this.violation(a, size, need);
    }
  }

  read8(a: number): number {
    if (a > 0xffffffff || (this.perm[a >>> 16] & Perm.R) === 0) this.violation(a, 1, Perm.R);
    return this.u8[a];
  }
  read16(a: number): number {
    if (a > 0xfffffffe || (this.perm[a >>> 16] & this.perm[(a + 1) >>> 16] & Perm.R) === 0) this.violation(a, 2, Perm.R);
    return this.dv.getUint16(a, true);
  }
  read32(a: number): number {
    if (a > 0xfffffffc || (this.perm[a >>> 16] & this.perm[(a + 3) >>> 16] & Perm.R) === 0) this.violation(a, 4, Perm.R);
    return this.dv.getInt32(a, true);
  }
  /** Returns the low half; the high half is left in `hi`. */
  read64(a: number): number {
    if (a > 0xfffffff8 || (this.perm[a >>> 16] & this.perm[(a + 7) >>> 16] & Perm.R) === 0) this.violation(a, 8, Perm.R);
    this.hi = this.dv.getInt32(a + 4, true);
    return this.dv.getInt32(a, true);
  }
  write8(a: number, v: number): void {
    if (a > 0xffffffff || (this.perm[a >>> 16] & Perm.W) === 0) this.violation(a, 1, Perm.W);
    this.u8[a] = v;
  }
  write16(a: number, v: number): void {
    if (a > 0xfffffffe || (this.perm[a >>> 16] & this.perm[(a + 1) >>> 16] & Perm.W) === 0) this.violation(a, 2, Perm.W);
    this.dv.setUint16(a, v & 0xffff, true);
  }
  write32(a: number, v: number): void {
    if (a > 0xfffffffc || (this.perm[a >>> 16] & this.perm[(a + 3) >>> 16] & Perm.W) === 0) this.violation(a, 4, Perm.W);
    this.dv.setInt32(a, v, true);
  }
  write64(a: number, lo: number, hi: number): void {
    if (a > 0xfffffff8 || (this.perm[a >>> 16] & this.perm[(a + 7) >>> 16] & Perm.W) === 0) this.violation(a, 8, Perm.W);
    this.dv.setInt32(a, lo, true);
    this.dv.setInt32(a + 4, hi, true);
  }

  /** Copies bytes out of the sandbox (checked for reading). */
  readBytes(a: number, n: number): Uint8Array {
    this.check(a, n, Perm.R);
    return this.u8.slice(a, a + n);
  }
  /** Copies bytes into the sandbox (checked for writing). */
  writeBytes(a: number, data: Uint8Array): void {
    this.check(a, data.length, Perm.W);
    this.u8.set(data, a);
  }
  /** Loader-only: copies bytes regardless of permissions (bounds still checked). */
  poke(a: number, data: Uint8Array): void {
    if (a < 0 || a + data.length > SANDBOX_SIZE) fault(FaultKind.Unmapped, a);
    this.u8.set(data, a);
  }
}
