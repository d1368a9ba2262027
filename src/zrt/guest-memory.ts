// The runtime's view of the sandbox's memory. The interpreter provides the real one; FlatGuestMemory serves tests.

export interface GuestMemory {
  /** True when [addr, addr+len) lies wholly in mapped memory (writable memory when `write`). */
  isMapped(addr: number, len: number, write: boolean): boolean;
  /** A copy of `len` bytes at `addr` (the caller has checked isMapped). */
  read(addr: number, len: number): Uint8Array;
  /** Store `bytes` at `addr` (the caller has checked isMapped for writing). */
  write(addr: number, bytes: Uint8Array): void;
  /**
   * Zero [addr, addr+len) (the caller has checked isMapped for writing). The interpreter's leaves
   * pages never written alone: a brk or mmap of gigabytes must not make the host commit them.
   */
  zero(addr: number, len: number): void;
  /** Optional: record new page protections after mprotect/mmap (the interpreter may enforce them). */
  protect?(addr: number, len: number, prot: number): void;
}

export interface MemoryRegion {
  readonly start: number;
  readonly end: number;
  readonly writable: boolean;
}

/** A guest memory backed by one byte array, with mapped regions listed explicitly. */
export class FlatGuestMemory implements GuestMemory {
  readonly bytes: Uint8Array;
  constructor(
    size: number,
    readonly regions: readonly MemoryRegion[] = [{ start: 0, end: size, writable: true }],
  ) {
    this.bytes = new Uint8Array(size);
  }

  isMapped(addr: number, len: number, write: boolean): boolean {
    if (!Number.isInteger(addr) || !Number.isInteger(len) || addr < 0 || len < 0) return false;
    const end = addr + len;
    if (end > this.bytes.length) return false;
    if (len === 0) return true;
    return this.regions.some((r) => r.start <= addr && end <= r.end && (!write || r.writable));
  }

  read(addr: number, len: number): Uint8Array {
    return this.bytes.slice(addr, addr + len);
  }

  write(addr: number, bytes: Uint8Array): void {
    this.bytes.set(bytes, addr);
  }

  zero(addr: number, len: number): void {
    this.bytes.fill(0, addr, addr + len);
  }
}
