// Two-operand ALU semantics over lo/hi int32 pairs at width w (8/16/32/64). Each returns the
// low 32 bits of the result and leaves the high 32 bits in c.outHi; flags are recorded lazily.
// Bits above w in the returned value are don't-care: writers store only w bits.
import { type CpuState, LazyKind } from './state.ts';
import { getCF, setLazy, materialize } from './flags.ts';

/** ALU op numbers (the x86 /digit order of 80-83, then test). */
export const AluOp = { Add: 0, Or: 1, Adc: 2, Sbb: 3, And: 4, Sub: 5, Xor: 6, Cmp: 7, Test: 8 } as const;

export function add(c: CpuState, w: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  const lo = (aLo + bLo) | 0;
  const hi = (aHi + bHi + (lo >>> 0 < aLo >>> 0 ? 1 : 0)) | 0;
  setLazy(c, LazyKind.Add, w, aLo, aHi, bLo, bHi, lo, hi);
  c.outHi = hi;
  return lo;
}
export function sub(c: CpuState, w: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  const lo = (aLo - bLo) | 0;
  const hi = (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
  setLazy(c, LazyKind.Sub, w, aLo, aHi, bLo, bHi, lo, hi);
  c.outHi = hi;
  return lo;
}
export function adc(c: CpuState, w: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  const cin = getCF(c);
  const s = (aLo >>> 0) + (bLo >>> 0) + cin;
  const lo = s | 0;
  const hi = (aHi + bHi + (s > 0xffffffff ? 1 : 0)) | 0;
  setLazy(c, LazyKind.Adc, w, aLo, aHi, bLo, bHi, lo, hi);
  c.cin = cin;
  c.outHi = hi;
  return lo;
}
export function sbb(c: CpuState, w: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  const cin = getCF(c);
  const s = (aLo >>> 0) - (bLo >>> 0) - cin;
  const lo = s | 0;
  const hi = (aHi - bHi - (s < 0 ? 1 : 0)) | 0;
  setLazy(c, LazyKind.Sbb, w, aLo, aHi, bLo, bHi, lo, hi);
  c.cin = cin;
  c.outHi = hi;
  return lo;
}
function logic(c: CpuState, w: number, lo: number, hi: number): number {
  setLazy(c, LazyKind.Logic, w, 0, 0, 0, 0, lo, hi);
  c.outHi = hi;
  return lo;
}

/** Runs ALU op `op` (AluOp); cmp and test compute flags like sub and and. */
export function alu(c: CpuState, op: number, w: number, aLo: number, aHi: number, bLo: number, bHi: number): number {
  switch (op) {
    case AluOp.Add: return add(c, w, aLo, aHi, bLo, bHi);
    case AluOp.Or: return logic(c, w, aLo | bLo, aHi | bHi);
    case AluOp.Adc: return adc(c, w, aLo, aHi, bLo, bHi);
    case AluOp.Sbb: return sbb(c, w, aLo, aHi, bLo, bHi);
    case AluOp.And: case AluOp.Test: return logic(c, w, aLo & bLo, aHi & bHi);
    case AluOp.Sub: case AluOp.Cmp: return sub(c, w, aLo, aHi, bLo, bHi);
    default: return logic(c, w, aLo ^ bLo, aHi ^ bHi);
  }
}

export function inc(c: CpuState, w: number, aLo: number, aHi: number): number {
  const cf = getCF(c);
  const lo = (aLo + 1) | 0;
  const hi = lo === 0 ? (aHi + 1) | 0 : aHi;
  setLazy(c, LazyKind.Inc, w, aLo, aHi, 1, 0, lo, hi);
  c.cin = cf;
  c.outHi = hi;
  return lo;
}
export function dec(c: CpuState, w: number, aLo: number, aHi: number): number {
  const cf = getCF(c);
  const lo = (aLo - 1) | 0;
  const hi = aLo === 0 ? (aHi - 1) | 0 : aHi;
  setLazy(c, LazyKind.Dec, w, aLo, aHi, 1, 0, lo, hi);
  c.cin = cf;
  c.outHi = hi;
  return lo;
}
export function neg(c: CpuState, w: number, aLo: number, aHi: number): number {
  return sub(c, w, 0, 0, aLo, aHi);
}
/** Sets CF to v (0/1) leaving the other flags. */
export function setCF(c: CpuState, v: number): void {
  materialize(c);
  c.flags = (c.flags & ~1) | v;
}
