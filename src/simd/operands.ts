// Operand transfer between memory, GPRs, XMM and MMX registers and the unit's scratch buffers.
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';
import { generalProtection } from './fault.ts';

/** Reads `size` bytes (1..16) at `a` into dst[off..]. */
export function readMem(c: Exec, a: number, size: number, dst: Uint8Array, off: number): void {
  const m = c.host.mem;
  if (size === 16 || size === 8) {
    if (size === 16) m.check(a, 16, 1);
    for (let k = 0; k < size; k += 8) {
      const lo = m.read64(a + k);
      const hi = m.hi;
      put32(dst, off + k, lo);
      put32(dst, off + k + 4, hi);
    }
  } else if (size === 4) put32(dst, off, m.read32(a));
  else if (size === 2) {
    const v = m.read16(a);
    dst[off] = v;
    dst[off + 1] = v >>> 8;
  } else if (size === 1) dst[off] = m.read8(a);
  else {
    m.check(a, size, 1);
    for (let k = 0; k < size; k++) dst[off + k] = m.read8(a + k);
  }
}

/** Writes `size` bytes from src[off..] at `a` (all-or-nothing: checked first). */
export function writeMem(c: Exec, a: number, size: number, src: Uint8Array, off: number): void {
  const m = c.host.mem;
  if (size === 4) m.write32(a, get32(src, off));
  else if (size === 8) m.write64(a, get32(src, off), get32(src, off + 4));
  else if (size === 16) {
    m.check(a, 16, 2);
    m.write64(a, get32(src, off), get32(src, off + 4));
    m.write64(a + 8, get32(src, off + 8), get32(src, off + 12));
  } else if (size === 2) m.write16(a, src[off] | (src[off + 1] << 8));
  else if (size === 1) m.write8(a, src[off]);
  else {
    m.check(a, size, 2);
    for (let k = 0; k < size; k++) m.write8(a + k, src[off + k]);
  }
}

export function get32(b: Uint8Array, off: number): number {
  return b[off] | (b[off + 1] << 8) | (b[off + 2] << 16) | (b[off + 3] << 24);
}
export function put32(b: Uint8Array, off: number, v: number): void {
  b[off] = v;
  b[off + 1] = v >>> 8;
  b[off + 2] = v >>> 16;
  b[off + 3] = v >>> 24;
}

/** Legacy SSE 16-byte memory operands must be 16-byte aligned (#GP otherwise). */
export function checkAligned(a: number): void {
  if ((a & 15) !== 0) generalProtection(a);
}

/** Copies the XMM-or-memory source (ModRM.rm) into u.tmp: `size` bytes from memory, or the whole register. */
export function srcX(u: SimdUnit, c: Exec, size: number, aligned: boolean): void {
  const t = u.tmp;
  if (c.ea < 0) {
    const x = u.xi32;
    const ti = u.ti32;
    const i = 4 * c.rm;
    ti[0] = x[i];
    ti[1] = x[i + 1];
    ti[2] = x[i + 2];
    ti[3] = x[i + 3];
    return;
  }
  if (aligned && size === 16) checkAligned(c.ea);
  if (size === 16) {
    const m = c.host.mem;
    m.check(c.ea, 16, 1);
    const ti = u.ti32;
    ti[0] = m.read64(c.ea);
    ti[1] = m.hi;
    ti[2] = m.read64(c.ea + 8);
    ti[3] = m.hi;
    return;
  }
  t.fill(0);
  readMem(c, c.ea, size, t, 0);
}

/** Copies the MMX-or-memory source (ModRM.rm) into u.tmp[0..8). */
export function srcM(u: SimdUnit, c: Exec): void {
  const t = u.tmp;
  if (c.ea < 0) {
    const r = 8 * (c.rm & 7);
    t.set(u.mant.subarray(r, r + 8));
  } else readMem(c, c.ea, 8, t, 0);
  t.fill(0, 8);
}

/** Marks MMX register r as written (exponent and sign all ones, as the hardware does). */
export function touchMmx(u: SimdUnit, r: number): void {
  u.signExp[r & 7] = 0xffff;
}

export function gpr32(c: Exec, r: number): number {
  return c.host.R[2 * r];
}
export function setGpr32(c: Exec, r: number, v: number): void {
  c.host.R[2 * r] = v;
  c.host.R[2 * r + 1] = 0;
}
export function setGpr64(c: Exec, r: number, lo: number, hi: number): void {
  c.host.R[2 * r] = lo;
  c.host.R[2 * r + 1] = hi;
}

/** Reads an Ey/Ed/Eq source (GPR or memory) as lo/hi; `bits` 8/16/32/64. Returns lo; hi in HI[0]. */
export const HI = new Int32Array(1);
export function srcE(c: Exec, bits: number): number {
  if (c.ea < 0) {
    const R = c.host.R;
    HI[0] = bits === 64 ? R[2 * c.rm + 1] : 0;
    const lo = R[2 * c.rm];
    return bits === 8 ? lo & 0xff : bits === 16 ? lo & 0xffff : lo;
  }
  const m = c.host.mem;
  HI[0] = 0;
  if (bits === 8) return m.read8(c.ea);
  if (bits === 16) return m.read16(c.ea);
  if (bits === 32) return m.read32(c.ea);
  const lo = m.read64(c.ea);
  HI[0] = m.hi;
  return lo;
}

/** Writes an Ey/Ed/Eq destination: a GPR (32-bit writes zero-extend) or `bits` of memory. */
export function dstE(c: Exec, bits: number, lo: number, hi: number): void {
  if (c.ea < 0) {
    if (bits === 64) setGpr64(c, c.rm, lo, hi);
    else setGpr32(c, c.rm, lo);
    return;
  }
  const m = c.host.mem;
  if (bits === 8) m.write8(c.ea, lo & 0xff);
  else if (bits === 16) m.write16(c.ea, lo & 0xffff);
  else if (bits === 32) m.write32(c.ea, lo);
  else m.write64(c.ea, lo, hi);
}
