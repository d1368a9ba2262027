// What the runtime needs from the interpreter's memory: sandbox addresses (0 .. 2^32), page
// protection as the guest sees it, and copies in and out. The interpreter implements it.
export interface GuestMemoryView {
  /** True when every byte of [addr, addr+length) is mapped readable (write=false) or writable (write=true). */
  isMapped(addr: number, length: number, write: boolean): boolean;
  /** A copy of [addr, addr+length); only called on ranges isMapped(…, false) accepted. */
  read(addr: number, length: number): Uint8Array;
  /**
   * [addr, addr+length) in place, not copied (Jail validates blocks of up to 2 GiB): valid until the
   * guest runs again; only called on ranges isMapped(…, false) accepted.
   */
  view(addr: number, length: number): Uint8Array;
  /** Stores bytes at addr; only called on ranges isMapped(…, true) accepted. */
  write(addr: number, bytes: Uint8Array): void;
}

/** A flat test/library memory: one buffer at `base` with per-64-KiB-page protection. */
export class FlatGuestMemory implements GuestMemoryView {
  static readonly PAGE = 0x10000;
  readonly bytes: Uint8Array;
  /** Per page: 0 none, 1 read, 3 read+write (bit 1 = write). */
  private readonly prot: Uint8Array;

  constructor(readonly base: number, size: number, protection: 'rw' | 'r' | 'none' = 'rw') {
    if (base % FlatGuestMemory.PAGE !== 0 || size % FlatGuestMemory.PAGE !== 0) throw new Error('FlatGuestMemory: base and size must be multiples of 64 KiB');
    this.bytes = new Uint8Array(size);
    this.prot = new Uint8Array(size / FlatGuestMemory.PAGE).fill(protection === 'rw' ? 3 : protection === 'r' ? 1 : 0);
  }

  protect(addr: number, length: number, protection: 'rw' | 'r' | 'none'): void {
    const first = Math.floor((addr - this.base) / FlatGuestMemory.PAGE);
    const last = Math.floor((addr + length - 1 - this.base) / FlatGuestMemory.PAGE);
    for (let p = first; p <= last; p++) this.prot[p] = protection === 'rw' ? 3 : protection === 'r' ? 1 : 0;
  }

  isMapped(addr: number, length: number, write: boolean): boolean {
    if (!Number.isInteger(addr) || !Number.isInteger(length) || length < 0) return false;
    if (addr < this.base || addr + length > this.base + this.bytes.length) return false;
    if (length === 0) return true;
    const need = write ? 3 : 1;
    const first = Math.floor((addr - this.base) / FlatGuestMemory.PAGE);
    const last = Math.floor((addr + length - 1 - this.base) / FlatGuestMemory.PAGE);
    for (let p = first; p <= last; p++) if ((this.prot[p]! & need) !== need) return false;
    return true;
  }

  read(addr: number, length: number): Uint8Array {
    return this.bytes.slice(addr - this.base, addr - this.base + length);
  }

  view(addr: number, length: number): Uint8Array {
    return this.bytes.subarray(addr - this.base, addr - this.base + length);
  }

  write(addr: number, bytes: Uint8Array): void {
    this.bytes.set(bytes, addr - this.base);
  }
}
