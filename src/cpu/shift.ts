// Shifts and rotates (eager flags). shl/shr/sar use int32 halves; the rarer rotates, rcl/rcr
// and shld/shrd go through BigInt, which is fine off the hot path.
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
  c.flags = cf | setSZP(rlo, rhi, w) | (of << 11);
  c.lazyKind = 0;
  c.outHi = rhi;
  return rlo;
}
function shr(c: CpuState, w: number, lo: number, hi: number, n: number): number {
  let rlo: number, rhi: number, cf: number;
  const of = signAt(w, lo, hi);
  if (w === 64) {
    if (n < 32) { rlo = (lo >>> n) | (hi << (32 - n)); rhi = hi >>> n; cf = (lo >>> (n - 1)) & 1; }
    else if (n === 32) { rlo = hi; rhi = 0; cf = lo >>> 31; }
    else { rlo = hi >>> (n - 32); rhi = 0; cf = (hi >>> (n - 33)) & 1; }
  } else {
    const v = w === 32 ? lo : lo & ((1 << w) - 1);
    rlo = v >>> n; rhi = 0;
    cf = (v >>> (n - 1)) & 1;
  }
  c.flags = cf | setSZP(rlo, rhi, w) | (of << 11);
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
  c.flags = cf | setSZP(rlo, rhi, w);
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

function rotate(c: CpuState, op: number, w: number, lo: number, hi: number, n: number): number {
  const W = BigInt(w);
  const v = toBig(w, lo, hi);
  const mask = (1n << W) - 1n;
  const msb = (x: bigint): number => Number((x >> (W - 1n)) & 1n);
  materialize(c);
  let r: bigint, cf: number, of: number;
  if (op === ShiftOp.Rol || op === ShiftOp.Ror) {
    const k = BigInt(n % w);
    if (op === ShiftOp.Rol) {
      r = ((v << k) | (v >> ((W - k) % W))) & mask;
      cf = Number(r & 1n);
      of = msb(r) ^ cf;
    } else {
      r = ((v >> k) | (v << ((W - k) % W))) & mask;
      cf = msb(r);
      of = msb(r) ^ Number((r >> (W - 2n)) & 1n);
    }
  } else {
    // rotate through carry: a (w+1)-bit rotation of CF:value
    const k = BigInt(w < 32 ? n % (w + 1) : n);
    const cin = BigInt(getCF(c));
    const W1 = W + 1n;
    const x = (cin << W) | v;
    const m1 = (1n << W1) - 1n;
    const y = op === ShiftOp.Rcl
      ? ((x << k) | (x >> ((W1 - k) % W1))) & m1
      : ((x >> k) | (x << ((W1 - k) % W1))) & m1;
    r = y & mask;
    cf = Number(y >> W);
    of = op === ShiftOp.Rcl ? msb(r) ^ cf : msb(v) ^ Number(cin);
  }
  c.flags = (c.flags & ~0x801) | cf | (of << 11);
  return fromBig(c, r);
}

/** shld (left = true) / shrd: dst lo/hi, src lo/hi, count unmasked. */
export function shiftDouble(c: CpuState, left: boolean, w: number, dLo: number, dHi: number, sLo: number, sHi: number, count: number): number {
  const n = count & (w === 64 ? 63 : 31);
  c.outHi = dHi;
  if (n === 0) return dLo;
  const W = BigInt(w);
  const d = toBig(w, dLo, dHi), s = toBig(w, sLo, sHi);
  const N = BigInt(n);
  const mask = (1n << W) - 1n;
  let r: bigint, cf: number;
  if (left) {
    // 16-bit counts above 16 shift src bits back in (matches the double-width concatenation rule)
    const x = (d << (2n * W)) | (s << W) | d;
    r = (x >> (2n * W - N)) & mask;
    cf = Number((x >> (3n * W - N)) & 1n);
  } else {
    const x = (d << (2n * W)) | (s << W) | d;
    r = (x >> N) & mask;
    cf = Number((x >> (N - 1n)) & 1n);
  }
  const lo = Number(r & 0xffffffffn) | 0, hi = Number(r >> 32n) | 0;
  const of = Number(((r ^ d) >> (W - 1n)) & 1n);
  c.flags = cf | setSZP(lo, hi, w) | (of << 11);
  c.lazyKind = 0;
  c.outHi = hi;
  return lo;
}
