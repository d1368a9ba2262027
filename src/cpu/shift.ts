// Shifts and rotates (eager flags) on int32 halves; only the rare rcl/rcr and 16-bit shld/shrd
// go through BigInt. Where the architecture leaves a flag (or the result of a 16-bit shld/shrd by
// more than 16) undefined, the values are those of AMD Zen, the reference host: shl/shr/sar/shld/shrd
// set AF; a right shift's or rotate's OF is the XOR of the result's two top bits (0 for shr by more
// than 1), a left one's is the result's top bit XOR CF.
import type { CpuState } from './state.ts';
import { getCF, materialize, parity, signAt, zeroAt } from './flags.ts';

/** Shift/rotate op numbers (the /digit of C0/C1/D0-D3; 6 is the undocumented sal alias of shl). */
export const ShiftOp = { Rol: 0, Ror: 1, Rcl: 2, Rcr: 3, Shl: 4, Shr: 5, Sal: 6, Sar: 7 } as const;

function setSZP(lo: number, hi: number, w: number): number {
  return (parity(lo) << 2) | (zeroAt(w, lo, hi) << 6) | (signAt(w, lo, hi) << 7);
}

/** shl/shr/sar/rol/ror/rcl/rcr of lo/hi at width w by count (unmasked); returns lo, high half in c.outHi. */
export function shift(c: CpuState, op: number, w: number, lo: number, hi: number, count: number): number {
  const n = count & (w === 64 ? 63 : 31);
  c.outHi = hi;
  if (n === 0) return lo;
  switch (op) {
    case ShiftOp.Shl: case ShiftOp.Sal: return shl(c, w, lo, hi, n);
    case ShiftOp.Shr: return shr(c, w, lo, hi, n);
    case ShiftOp.Sar: return sar(c, w, lo, hi, n);
    default: return rotate(c, op, w, lo, hi, n);
  }
}

function shl(c: CpuState, w: number, lo: number, hi: number, n: number): number {
  let rlo: number, rhi: number, cf: number;
  if (w === 64) {
    if (n < 32) { rhi = (hi << n) | (lo >>> (32 - n)); rlo = lo << n; cf = (hi >>> (32 - n)) & 1; }
    else if (n === 32) { rhi = lo; rlo = 0; cf = hi & 1; }
    else { rhi = lo << (n - 32); rlo = 0; cf = (lo >>> (64 - n)) & 1; }
  } else {
    const v = w === 32 ? lo : lo & ((1 << w) - 1);
    rlo = v << n; rhi = 0;
    cf = n <= w ? (v >>> (w - n)) & 1 : 0;
  }
  const of = signAt(w, rlo, rhi) ^ cf;
  c.flags = cf | setSZP(rlo, rhi, w) | 0x10 | (of << 11);
  c.lazyKind = 0;
  c.outHi = rhi;
  return rlo;
}
function shr(c: CpuState, w: number, lo: number, hi: number, n: number): number {
  let rlo: number, rhi: number, cf: number;
  const of = n === 1 ? signAt(w, lo, hi) : 0;
  if (w === 64) {
    if (n < 32) { rlo = (lo >>> n) | (hi << (32 - n)); rhi = hi >>> n; cf = (lo >>> (n - 1)) & 1; }
    else if (n === 32) { rlo = hi; rhi = 0; cf = lo >>> 31; }
    else { rlo = hi >>> (n - 32); rhi = 0; cf = (hi >>> (n - 33)) & 1; }
  } else {
    const v = w === 32 ? lo : lo & ((1 << w) - 1);
    rlo = v >>> n; rhi = 0;
    cf = (v >>> (n - 1)) & 1;
  }
  c.flags = cf | setSZP(rlo, rhi, w) | 0x10 | (of << 11);
  c.lazyKind = 0;
  c.outHi = rhi;
  return rlo | 0;
}
function sar(c: CpuState, w: number, lo: number, hi: number, n: number): number {
  let rlo: number, rhi: number, cf: number;
  if (w === 64) {
    if (n < 32) { rlo = (lo >>> n) | (hi << (32 - n)); rhi = hi >> n; cf = (lo >>> (n - 1)) & 1; }
    else if (n === 32) { rlo = hi; rhi = hi >> 31; cf = lo >>> 31; }
    else { rlo = hi >> (n - 32); rhi = hi >> 31; cf = (hi >> (n - 33)) & 1; }
  } else {
    const v = (lo << (32 - w)) >> (32 - w);
    rlo = v >> n; rhi = 0;
    cf = (v >> (n - 1)) & 1;
  }
  c.flags = cf | setSZP(rlo, rhi, w) | 0x10;
  c.lazyKind = 0;
  c.outHi = rhi;
  return rlo;
}

function toBig(w: number, lo: number, hi: number): bigint {
  const v = (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
  return BigInt.asUintN(w, v);
}
function fromBig(c: CpuState, v: bigint): number {
  c.outHi = Number((v >> 32n) & 0xffffffffn) | 0;
  return Number(v & 0xffffffffn) | 0;
}

/** rol/ror (n = the masked count, not 0): int32 arithmetic; CF and OF change, the rest is kept. */
function rotate(c: CpuState, op: number, w: number, lo: number, hi: number, n: number): number {
  if (op === ShiftOp.Rcl || op === ShiftOp.Rcr) return rotateCarry(c, op, w, lo, hi, n);
  let rlo: number, rhi = 0;
  if (w === 64) {
    let a = lo, b = hi;
    if (n >= 32) { a = hi; b = lo; } // rotating by 32 swaps the halves
    const k = n & 31;
    if (op === ShiftOp.Ror) {
      // ror by k = rol by 64 - k: rotate right within the (possibly swapped) pair
      rlo = k === 0 ? a : (a >>> k) | (b << (32 - k));
      rhi = k === 0 ? b : (b >>> k) | (a << (32 - k));
    } else {
      rlo = k === 0 ? a : (a << k) | (b >>> (32 - k));
      rhi = k === 0 ? b : (b << k) | (a >>> (32 - k));
    }
  } else if (w === 32) {
    rlo = op === ShiftOp.Rol ? (lo << n) | (lo >>> (32 - n)) : (lo >>> n) | (lo << (32 - n));
  } else {
    const k = n % w;
    const v = lo & ((1 << w) - 1);
    rlo = k === 0 ? v : (op === ShiftOp.Rol ? (v << k) | (v >>> (w - k)) : (v >>> k) | (v << (w - k))) & ((1 << w) - 1);
  }
  materialize(c);
  const msb = signAt(w, rlo, rhi);
  let cf: number, of: number;
  if (op === ShiftOp.Rol) { cf = rlo & 1; of = msb ^ cf; }
  else { cf = msb; of = msb ^ signAt(w, w === 64 ? rlo : rlo << 1, rhi << 1); }
  c.flags = (c.flags & ~0x801) | cf | (of << 11);
  c.outHi = rhi;
  return rlo;
}

/** rcl/rcr (rare: through BigInt): a (w+1)-bit rotation of CF:value. */
function rotateCarry(c: CpuState, op: number, w: number, lo: number, hi: number, n: number): number {
  const W = BigInt(w);
  const v = toBig(w, lo, hi);
  const mask = (1n << W) - 1n;
  const msb = (x: bigint): number => Number((x >> (W - 1n)) & 1n);
  materialize(c);
  const k = BigInt(w < 32 ? n % (w + 1) : n);
  const cin = BigInt(getCF(c));
  const W1 = W + 1n;
  const x = (cin << W) | v;
  const m1 = (1n << W1) - 1n;
  const y = op === ShiftOp.Rcl
    ? ((x << k) | (x >> ((W1 - k) % W1))) & m1
    : ((x >> k) | (x << ((W1 - k) % W1))) & m1;
  const r = y & mask;
  const cf = Number(y >> W);
  const of = op === ShiftOp.Rcl ? msb(r) ^ cf : msb(r) ^ Number((r >> (W - 2n)) & 1n);
  c.flags = (c.flags & ~0x801) | cf | (of << 11);
  return fromBig(c, r);
}

/** shld (left = true) / shrd: dst lo/hi, src lo/hi, count unmasked. */
export function shiftDouble(c: CpuState, left: boolean, w: number, dLo: number, dHi: number, sLo: number, sHi: number, count: number): number {
  const n = count & (w === 64 ? 63 : 31);
  c.outHi = dHi;
  if (n === 0) return dLo;
  if (w === 16) return shiftDouble16(c, left, dLo, sLo, n);
  let lo: number, hi = 0, cf: number;
  if (w === 32) {
    if (left) { lo = (dLo << n) | (sLo >>> (32 - n)); cf = (dLo >>> (32 - n)) & 1; }
    else { lo = (dLo >>> n) | (sLo << (32 - n)); cf = (dLo >>> (n - 1)) & 1; }
  } else if (left) {
    // dst:src shifted left by n, the high 64 bits kept
    if (n < 32) { hi = (dHi << n) | (dLo >>> (32 - n)); lo = (dLo << n) | (sHi >>> (32 - n)); cf = (dHi >>> (32 - n)) & 1; }
    else if (n === 32) { hi = dLo; lo = sHi; cf = dHi & 1; }
    else { const k = n - 32; hi = (dLo << k) | (sHi >>> (32 - k)); lo = (sHi << k) | (sLo >>> (32 - k)); cf = (dLo >>> (32 - k)) & 1; }
  } else {
    // src:dst shifted right by n, the low 64 bits kept
    if (n < 32) { lo = (dLo >>> n) | (dHi << (32 - n)); hi = (dHi >>> n) | (sLo << (32 - n)); cf = (dLo >>> (n - 1)) & 1; }
    else if (n === 32) { lo = dHi; hi = sLo; cf = dLo >>> 31; }
    else { const k = n - 32; lo = (dHi >>> k) | (sLo << (32 - k)); hi = (sLo >>> k) | (sHi << (32 - k)); cf = (dHi >>> (k - 1)) & 1; }
  }
  const of = left ? signAt(w, lo, hi) ^ cf : signAt(w, lo ^ (lo << 1), hi ^ ((hi << 1) | (lo >>> 31)));
  c.flags = cf | setSZP(lo, hi, w) | 0x10 | (of << 11);
  c.lazyKind = 0;
  c.outHi = hi;
  return lo;
}

/** 16-bit shld/shrd. Counts above 16 (undefined) rotate the source by count - 16 with CF = 0 on
 * AMD Zen; a left shift by exactly 16 gives OF = CF. */
function shiftDouble16(c: CpuState, left: boolean, dLo: number, sLo: number, n: number): number {
  const d = dLo & 0xffff, s = sLo & 0xffff;
  let r: number, cf: number, of: number;
  if (n <= 16) {
    const x = left ? (d << 16) | s : (s << 16) | d; // the pair, the destination on the shifting-in side
    if (left) {
      r = ((x << n) >>> 16) & 0xffff;
      cf = (x >>> (32 - n)) & 1;
      of = n === 16 ? cf : (r >>> 15) ^ cf;
    } else {
      r = (x >>> n) & 0xffff;
      cf = (x >>> (n - 1)) & 1;
      of = ((r >>> 15) ^ (r >>> 14)) & 1;
    }
  } else {
    const k = n - 16;
    r = (left ? (s << k) | (s >>> (16 - k)) : (s >>> k) | (s << (16 - k))) & 0xffff;
    cf = 0;
    of = left ? 0 : ((r >>> 15) ^ (r >>> 14)) & 1;
  }
  c.flags = cf | setSZP(r, 0, 16) | 0x10 | (of << 11);
  c.lazyKind = 0;
  c.outHi = 0;
  return r;
}
