// mul, imul (all forms), div and idiv. 8..32-bit products are exact in doubles via 16-bit limbs;
// 64-bit products and 128/64 divisions use BigInt (cold).
import { FaultKind, fault } from './fault.ts';
import { statusFlags } from './flags.ts';
import type { CpuState } from './state.ts';

const U64 = (lo: number, hi: number): bigint => (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
const S64 = (lo: number, hi: number): bigint => BigInt.asIntN(64, U64(lo, hi));

/** High 32 bits of the unsigned 64-bit product of two uint32 values. */
export function umulhi32(a: number, b: number): number {
  const al = a & 0xffff, ah = a >>> 16, bl = b & 0xffff, bh = b >>> 16;
  const mid = ah * bl + al * bh;
  const low = al * bl + (mid % 65536) * 65536;
  return (ah * bh + Math.floor(mid / 65536) + Math.floor(low / 4294967296)) | 0;
}
/** High 32 bits of the signed 64-bit product of two int32 values. */
export function smulhi32(a: number, b: number): number {
  return (umulhi32(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** Flags after a multiply: CF = OF = overflow. SF/ZF/AF/PF are architecturally undefined; AMD
 * Zen (the reference host) leaves them unchanged, so they are kept (program.ts's liveness knows)
 * when `keep` (some of them are live: materializing the previous flags is not free). */
function mulFlags(c: CpuState, over: boolean, keep: boolean): void {
  const o = over ? 1 : 0;
  c.flags = (keep ? statusFlags(c) & 0xd4 : 0) | o | (o << 11);
  c.lazyKind = 0;
}

/** One-operand mul/imul: rdx:rax (or ax) = rax * src. */
export function mulAcc(c: CpuState, w: number, signed: boolean, sLo: number, sHi: number, keep: boolean): void {
  const R = c.R;
  if (w === 8) {
    const a = c.U8[0];
    const p = signed ? ((a << 24) >> 24) * ((sLo << 24) >> 24) : a * (sLo & 0xff);
    c.U16[0] = p;
    const over = signed ? p !== (p << 24) >> 24 : (p & 0xff00) !== 0;
    mulFlags(c, over, keep);
  } else if (w === 16) {
    const a = c.U16[0];
    const p = signed ? ((a << 16) >> 16) * ((sLo << 16) >> 16) : a * (sLo & 0xffff);
    c.U16[0] = p;
    c.U16[8] = p >> 16;
    const over = signed ? p !== (p << 16) >> 16 : (p & 0xffff0000) !== 0;
    mulFlags(c, over, keep);
  } else if (w === 32) {
    const a = R[0];
    const lo = Math.imul(a, sLo);
    const hi = signed ? smulhi32(a, sLo) : umulhi32(a, sLo);
    R[0] = lo; R[1] = 0; R[4] = hi; R[5] = 0;
    mulFlags(c, signed ? hi !== lo >> 31 : hi !== 0, keep);
  } else if (!signed && R[1] === 0 && sHi === 0) {
    // common case (gcc's division by a constant): two values below 2^32, no BigInt
    const a = R[0];
    const hi = umulhi32(a, sLo);
    R[0] = Math.imul(a, sLo); R[1] = hi; R[4] = 0; R[5] = 0;
    mulFlags(c, false, keep);
  } else {
    const p = signed ? S64(R[0], R[1]) * S64(sLo, sHi) : U64(R[0], R[1]) * U64(sLo, sHi);
    const u = BigInt.asUintN(128, p);
    const lo = Number(u & 0xffffffffn) | 0, hi = Number((u >> 32n) & 0xffffffffn) | 0;
    R[0] = lo; R[1] = hi;
    R[4] = Number((u >> 64n) & 0xffffffffn) | 0; R[5] = Number((u >> 96n) & 0xffffffffn) | 0;
    const over = signed ? p !== BigInt.asIntN(64, p) : p >> 64n !== 0n;
    mulFlags(c, over, keep);
  }
}

/**
 * Two/three-operand imul: returns the truncated product's low half (high half in c.outHi). `live`:
 * the status flags read after it (program.ts liveness): SF ZF AF PF are kept only when live, and a
 * 64-bit product's CF/OF (whether it overflowed) is worked out only when they are.
 */
export function imulTrunc(c: CpuState, w: number, aLo: number, aHi: number, bLo: number, bHi: number, live: number): number {
  const keep = (live & 0xd4) !== 0;
  if (w === 16) {
    const p = ((aLo << 16) >> 16) * ((bLo << 16) >> 16);
    mulFlags(c, p !== (p << 16) >> 16, keep);
    c.outHi = 0;
    return p;
  }
  if (w === 32) {
    const lo = Math.imul(aLo, bLo);
    mulFlags(c, smulhi32(aLo, bLo) !== lo >> 31, keep);
    c.outHi = 0;
    return lo;
  }
  // Common cases without BigInt: both factors sign-extended int32 (|product| < 2^62: no overflow),
  // or both below 2^32 (the unsigned product is exact in 64 bits; it overflows when bit 63 is set).
  const small = aHi === aLo >> 31 && bHi === bLo >> 31;
  if (small || (aHi === 0 && bHi === 0)) {
    const hi = small ? smulhi32(aLo, bLo) : umulhi32(aLo, bLo);
    mulFlags(c, !small && hi < 0, keep);
    c.outHi = hi;
    return Math.imul(aLo, bLo);
  }
  if ((live & 0x801) === 0) {
    // CF/OF dead (memset's byte * 0x0101010101010101, hashes): the low 64 bits from 32-bit halves
    mulFlags(c, false, keep);
    c.outHi = (umulhi32(aLo, bLo) + Math.imul(aLo, bHi) + Math.imul(aHi, bLo)) | 0;
    return Math.imul(aLo, bLo);
  }
  const p = S64(aLo, aHi) * S64(bLo, bHi);
  const t = BigInt.asIntN(64, p);
  const lo = Number(t & 0xffffffffn) | 0, hi = Number((t >> 32n) & 0xffffffffn) | 0;
  mulFlags(c, p !== t, keep);
  c.outHi = hi;
  return lo;
}

/** One-operand div/idiv of rdx:rax (or ax) by src; #DE on zero divisor or quotient overflow. */
export function divAcc(c: CpuState, w: number, signed: boolean, sLo: number, sHi: number, keep: boolean): void {
  divide(c, w, signed, sLo, sHi);
  // every status flag is architecturally undefined; AMD Zen keeps CF and OF (`keep`: they are live)
  // and sets AF, clears SF ZF PF
  c.flags = (keep ? statusFlags(c) & 0x801 : 0) | 0x10;
  c.lazyKind = 0;
}

function divide(c: CpuState, w: number, signed: boolean, sLo: number, sHi: number): void {
  const R = c.R;
  if (w === 8) {
    const d = signed ? (sLo << 24) >> 24 : sLo & 0xff;
    if (d === 0) fault(FaultKind.Divide, c.rip);
    const n = signed ? (c.U16[0] << 16) >> 16 : c.U16[0];
    const q = Math.trunc(n / d), r = n - q * d;
    if (signed ? q !== (q << 24) >> 24 : q > 0xff) fault(FaultKind.Divide, c.rip);
    c.U8[0] = q; c.U8[1] = r;
    return;
  }
  if (w === 16) {
    const d = signed ? (sLo << 16) >> 16 : sLo & 0xffff;
    if (d === 0) fault(FaultKind.Divide, c.rip);
    const nu = (c.U16[8] * 65536 + c.U16[0]);
    const n = signed ? nu | 0 : nu;
    const q = Math.trunc(n / d), r = n - q * d;
    if (signed ? q !== (q << 16) >> 16 : q > 0xffff) fault(FaultKind.Divide, c.rip);
    c.U16[0] = q; c.U16[8] = r;
    return;
  }
  if (w === 32) {
    if (sLo === 0) fault(FaultKind.Divide, c.rip);
    const lo = R[0], hi = R[4];
    if (!signed && hi === 0) {
      // common case: 32-bit dividend, exact in doubles
      const a = lo >>> 0, d = sLo >>> 0;
      const q = Math.floor(a / d);
      R[0] = q | 0; R[1] = 0; R[4] = (a - q * d) | 0; R[5] = 0;
      return;
    }
    if (signed && hi === lo >> 31 && !(lo === -0x80000000 && sLo === -1)) {
      const q = (lo / sLo) | 0;
      R[0] = q; R[1] = 0; R[4] = (lo - Math.imul(q, sLo)) | 0; R[5] = 0;
      return;
    }
    const n = signed ? S64(lo, hi) : U64(lo, hi);
    const d = signed ? BigInt(sLo) : BigInt(sLo >>> 0);
    const q = n / d, r = n % d;
    if (signed ? q !== BigInt.asIntN(32, q) : q > 0xffffffffn) fault(FaultKind.Divide, c.rip);
    R[0] = Number(BigInt.asIntN(32, q)); R[1] = 0; R[4] = Number(BigInt.asIntN(32, r)); R[5] = 0;
    return;
  }
  if (sLo === 0 && sHi === 0) fault(FaultKind.Divide, c.rip);
  if (!signed && R[1] === 0 && R[4] === 0 && R[5] === 0) {
    // common case: a dividend below 2^32 in a 64-bit register (printf's digits), exact in doubles
    const a = R[0] >>> 0;
    const d = sHi === 0 ? sLo >>> 0 : Infinity; // a divisor of 2^32 or more leaves q = 0, r = a
    const q = Math.floor(a / d);
    R[0] = q | 0; R[1] = 0; R[4] = (a - q * (q === 0 ? 0 : d)) | 0; R[5] = 0;
    return;
  }
  if (signed && R[1] === R[0] >> 31 && R[4] === R[1] && R[5] === R[1] && sHi === sLo >> 31) {
    // cqo; idiv of int32 values: the quotient fits (even -2^31 / -1), exact in doubles
    const q = Math.trunc(R[0] / sLo), r = R[0] - q * sLo;
    R[0] = q | 0; R[1] = q < 0 ? -1 : 0; R[4] = r | 0; R[5] = r < 0 ? -1 : 0;
    return;
  }
  const nu = (U64(R[4], R[5]) << 64n) | U64(R[0], R[1]);
  const n = signed ? BigInt.asIntN(128, nu) : nu;
  const d = signed ? S64(sLo, sHi) : U64(sLo, sHi);
  const q = n / d, r = n % d;
  if (signed ? q !== BigInt.asIntN(64, q) : q >> 64n !== 0n) fault(FaultKind.Divide, c.rip);
  c.setBig(0, BigInt.asUintN(64, q));
  c.setBig(2, BigInt.asUintN(64, r));
}
