// Code made executable at run time (ZeroVM's TrapJail): the decoded Programs of validated blocks,
// found by 64 KiB page. The machine enters a block only through find(), which insists that every
// page the block covers is still executable: a page that lost X (Unjail, or any re-protection)
// leaves its block there and then, so its predecoded instructions are never run again, and a later
// Jail of new bytes decodes them afresh. Pages lose X only inside host calls, and every return
// from one goes through find(), so straight-line execution never reaches a non-X page either.
import { PAGE_SHIFT, PAGE_SIZE, Perm, type SandboxMemory } from './memory.ts';
import { Program } from './program.ts';

const firstPage = (addr: number): number => Math.floor(addr / PAGE_SIZE);
const lastPage = (addr: number, size: number): number => Math.floor((addr + size - 1) / PAGE_SIZE);

export class DynamicCode {
  /** Page number -> the block covering it (a page belongs to at most one block). */
  private readonly byPage = new Map<number, Program>();
  /** Instruction index of the last successful find(). */
  index = -1;

  constructor(private readonly mem: SandboxMemory) {}

  /** The live blocks, in address order (for tests and inspection). */
  blocks(): Program[] {
    return [...new Set(this.byPage.values())].sort((a, b) => a.base - b.base);
  }

  /**
   * Decodes [addr, addr+size) (validated, and already read+exec) as one block; the pages it covers
   * leave any older block first.
   */
  add(addr: number, size: number): Program {
    this.release(addr, size);
    const p = new Program(this.mem.u8.slice(addr, addr + size), addr, true);
    for (let pg = firstPage(addr); pg <= lastPage(addr, size); pg++) this.byPage.set(pg, p);
    return p;
  }

  /** Drops the code on every page overlapping [addr, addr+size); a block keeps its other pages. */
  release(addr: number, size: number): void {
    if (size <= 0 || this.byPage.size === 0) return;
    const first = firstPage(addr), last = lastPage(addr, size);
    const hit = new Set<Program>();
    for (let pg = first; pg <= last; pg++) {
      const p = this.byPage.get(pg);
      if (p) hit.add(p);
    }
    for (const p of hit) this.rebuild(p, (pg) => pg < first || pg > last);
  }

  /** The block with an instruction starting at `address` on executable pages (its index in `index`), or undefined. */
  find(address: number): Program | undefined {
    if (this.byPage.size === 0 || address < 0 || address >= 2 ** 32) return undefined;
    const page = address >>> PAGE_SHIFT;
    let p = this.byPage.get(page);
    if (p === undefined) return undefined;
    if (!this.executable(p)) {
      this.rebuild(p, (pg) => (this.mem.perm[pg]! & Perm.X) !== 0);
      p = this.byPage.get(page);
      if (p === undefined) return undefined;
    }
    const i = p.indexOf(address);
    // (the end record is no instruction: it stands for whatever follows the block)
    if (i < 0 || i >= p.count) return undefined;
    this.index = i;
    return p;
  }

  private executable(p: Program): boolean {
    const perm = this.mem.perm;
    for (let pg = firstPage(p.base); pg <= lastPage(p.base, p.text.length); pg++) if ((perm[pg]! & Perm.X) === 0) return false;
    return true;
  }

  /**
   * Replaces block `p` by blocks over its runs of pages that `keep` accepts (and that are still
   * executable). A run starts on a 64 KiB, hence bundle, boundary, so it decodes to the same
   * instructions the validator saw; its bytes are p's own (the pages were never writable since).
   */
  private rebuild(p: Program, keep: (page: number) => boolean): void {
    const start = p.base, end = p.base + p.text.length;
    const first = firstPage(start), last = lastPage(start, p.text.length);
    for (let pg = first; pg <= last; pg++) if (this.byPage.get(pg) === p) this.byPage.delete(pg);
    const perm = this.mem.perm;
    const ok = (pg: number): boolean => keep(pg) && (perm[pg]! & Perm.X) !== 0;
    for (let pg = first; pg <= last;) {
      if (!ok(pg)) { pg++; continue; }
      let to = pg;
      while (to + 1 <= last && ok(to + 1)) to++;
      const a = Math.max(start, pg * PAGE_SIZE), b = Math.min(end, (to + 1) * PAGE_SIZE);
      const part = new Program(p.text.slice(a - start, b - start), a, true);
      for (let q = pg; q <= to; q++) this.byPage.set(q, part);
      pg = to + 1;
    }
  }
}
