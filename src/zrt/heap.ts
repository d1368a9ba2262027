// The heap the loader hands over, [start, end): brk grows up from the start, mmap takes 64 KiB pages from the
// top down, as ZRT's memory manager serves both from the one preallocated region.
import { NACL_PAGE_SIZE } from './abi.ts';
import { Errno } from './errno.ts';

const P = NACL_PAGE_SIZE;

export class HeapAllocator {
  /** First whole page of the heap and the page count covering [firstPage, end). */
  private readonly base: number;
  private readonly mapped: Uint8Array;
  private brkEnd: number;

  constructor(
    readonly start: number,
    readonly end: number,
    initialBreak = start,
  ) {
    if (!(start >= 0 && start <= end && start <= initialBreak && initialBreak <= end)) {
      throw new RangeError(`bad heap [0x${start.toString(16)}, 0x${end.toString(16)}) with break 0x${initialBreak.toString(16)}`);
    }
    this.base = Math.ceil(start / P) * P;
    this.mapped = new Uint8Array(Math.max(0, Math.floor((end - this.base) / P)));
    this.brkEnd = initialBreak;
  }

  get break(): number {
    return this.brkEnd;
  }

  /** Lowest page index brk may not reach (the first mmapped page, or the end). */
  private lowestMapped(): number {
    const i = this.mapped.indexOf(1);
    return i < 0 ? this.mapped.length : i;
  }

  /** Index of the first page wholly above the break. */
  private firstFreeOfBrk(): number {
    return Math.max(0, Math.ceil((this.brkEnd - this.base) / P));
  }

  /** NaCl brk: move the break if it fits between the heap start and the lowest mapping; return the break. */
  brk(newBreak: number): number {
    if (newBreak === 0) return this.brkEnd;
    const low = this.lowestMapped();
    const limit = low === this.mapped.length ? this.end : this.base + low * P;
    if (newBreak >= this.start && newBreak <= limit) this.brkEnd = newBreak;
    return this.brkEnd;
  }

  /** Reserve `len` bytes (rounded to pages): at `fixedAddr` if given, else the highest free run. */
  mmap(len: number, fixedAddr?: number): number {
    if (len <= 0) return -Errno.EINVAL;
    const n = Math.ceil(len / P);
    const floor = this.firstFreeOfBrk();
    if (fixedAddr !== undefined) {
      if (fixedAddr % P !== 0 || fixedAddr < this.base) return -Errno.EINVAL;
      const first = (fixedAddr - this.base) / P;
      if (first < floor || first + n > this.mapped.length) return -Errno.EINVAL;
      this.mapped.fill(1, first, first + n);
      return fixedAddr;
    }
    let run = 0;
    for (let i = this.mapped.length - 1; i >= floor; i--) {
      run = this.mapped[i] ? 0 : run + 1;
      if (run === n) {
        this.mapped.fill(1, i, i + n);
        return this.base + i * P;
      }
    }
    return -Errno.ENOMEM;
  }

  munmap(addr: number, len: number): number {
    if (addr % P !== 0 || len <= 0 || addr < this.base) return -Errno.EINVAL;
    const first = (addr - this.base) / P;
    const n = Math.ceil(len / P);
    if (first + n > this.mapped.length) return -Errno.EINVAL;
    this.mapped.fill(0, first, first + n);
    return 0;
  }

  /** True when every page of [addr, addr+len) is below the break or mapped (mprotect's precondition). */
  isAllocated(addr: number, len: number): boolean {
    if (addr < this.start || addr + len > this.end) return false;
    const firstPage = Math.floor((addr - this.base) / P);
    const lastPage = Math.floor((addr + len - 1 - this.base) / P);
    for (let i = firstPage; i <= lastPage; i++) {
      const pageStart = this.base + i * P;
      if (pageStart < this.brkEnd) continue;
      if (i < 0 || !this.mapped[i]) return false;
    }
    return true;
  }
}
