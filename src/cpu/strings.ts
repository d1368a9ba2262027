// String instructions (movs, cmps, stos, lods, scas) with rep / repe / repne.
// Element loops check every access; rep movs/stos with DF = 0 take a bulk path after one range check.
import { Perm, SANDBOX_SIZE } from './memory.ts';
import { sub } from './alu.ts';
import { getZF } from './flags.ts';
import { K } from './kinds.ts';
import type { CpuState } from './state.ts';

const RCX = 1, RSI = 6, RDI = 7;

/** Reads an address register (64-bit, or 32-bit with the 67 prefix) as a sandbox address. */
function addrReg(c: CpuState, r: number, a32: boolean): number {
  const lo = c.R[2 * r] >>> 0;
  if (a32) return lo;
  const hi = c.R[2 * r + 1];
  return hi === 0 ? lo : SANDBOX_SIZE * ((hi >>> 0) || 1) + lo;
}
function addReg(c: CpuState, r: number, a32: boolean, delta: number): void {
  const R = c.R;
  const lo = R[2 * r];
  const s = (lo >>> 0) + delta;
  R[2 * r] = s | 0;
  if (a32) R[2 * r + 1] = 0;
  else if (s < 0) R[2 * r + 1] = (R[2 * r + 1] - 1) | 0;
  else if (s > 0xffffffff) R[2 * r + 1] = (R[2 * r + 1] + 1) | 0;
}
function count(c: CpuState, a32: boolean): number {
  const lo = c.R[2 * RCX] >>> 0;
  return a32 ? lo : lo + (c.R[2 * RCX + 1] >>> 0) * SANDBOX_SIZE;
}
function setCount(c: CpuState, a32: boolean, n: number): void {
  c.R[2 * RCX] = n % SANDBOX_SIZE | 0;
  c.R[2 * RCX + 1] = a32 ? 0 : Math.floor(n / SANDBOX_SIZE) | 0;
}

function load(c: CpuState, w: number, a: number): number {
  const m = c.mem;
  switch (w) {
    case 8: return m.read8(a);
    case 16: return m.read16(a);
    case 32: return m.read32(a);
    default: { const lo = m.read64(a); c.outHi = m.hi; return lo; }
  }
}
function store(c: CpuState, w: number, a: number, lo: number, hi: number): void {
  const m = c.mem;
  switch (w) {
    case 8: m.write8(a, lo); break;
    case 16: m.write16(a, lo); break;
    case 32: m.write32(a, lo); break;
    default: m.write64(a, lo, hi);
  }
}
function acc(c: CpuState, w: number): number {
  c.outHi = c.R[1];
  return w === 8 ? c.U8[0] : w === 16 ? c.U16[0] : c.R[0];
}
function setAcc(c: CpuState, w: number, lo: number, hi: number): void {
  if (w === 8) c.U8[0] = lo;
  else if (w === 16) c.U16[0] = lo;
  else { c.R[0] = lo; c.R[1] = w === 64 ? hi : 0; }
}

/** Element iterations of a rep prefix per dispatch: a longer rep resumes at the next dispatch
 * (like a CPU taking an interrupt mid-rep), so the instruction budget bounds the work. */
const REP_CHUNK = 65536;

/**
 * Executes one string instruction; returns false when a rep stopped after REP_CHUNK elements
 * with work left (the caller re-executes the same instruction).
 */
export function stringOp(c: CpuState, kind: number, w: number, rep: boolean, repne: boolean, a32: boolean): boolean {
  const size = w >>> 3;
  const step = c.df ? -size : size;
  if (!rep && !repne) {
    stringStep(c, kind, w, a32, step);
    return true;
  }
  let n = count(c, a32);
  if (n === 0) return true;
  if ((kind === K.Movs || kind === K.Stos) && c.df === 0 && bulk(c, kind, w, a32, n)) return true;
  const conditional = kind === K.Cmps || kind === K.Scas;
  for (let k = 0; n > 0; k++) {
    if (k === REP_CHUNK) return false;
    stringStep(c, kind, w, a32, step);
    n--;
    setCount(c, a32, n);
    if (conditional && (getZF(c) === 1) === repne) break;
  }
  return true;
}

function stringStep(c: CpuState, kind: number, w: number, a32: boolean, step: number): void {
  switch (kind) {
    case K.Movs: {
      const v = load(c, w, addrReg(c, RSI, a32));
      store(c, w, addrReg(c, RDI, a32), v, c.outHi);
      addReg(c, RSI, a32, step); addReg(c, RDI, a32, step);
      break;
    }
    case K.Stos: {
      const v = acc(c, w);
      store(c, w, addrReg(c, RDI, a32), v, c.outHi);
      addReg(c, RDI, a32, step);
      break;
    }
    case K.Lods: {
      const v = load(c, w, addrReg(c, RSI, a32));
      setAcc(c, w, v, c.outHi);
      addReg(c, RSI, a32, step);
      break;
    }
    case K.Cmps: {
      const a = load(c, w, addrReg(c, RSI, a32)), ah = c.outHi;
      const b = load(c, w, addrReg(c, RDI, a32)), bh = c.outHi;
      sub(c, w, a, ah, b, bh);
      addReg(c, RSI, a32, step); addReg(c, RDI, a32, step);
      break;
    }
    default: { // scas
      const a = acc(c, w), ah = c.outHi;
      const b = load(c, w, addrReg(c, RDI, a32)), bh = c.outHi;
      sub(c, w, a, ah, b, bh);
      addReg(c, RDI, a32, step);
      break;
    }
  }
}

/** rep movs / rep stos, DF = 0: one range check, then a block copy or fill. */
function bulk(c: CpuState, kind: number, w: number, a32: boolean, n: number): boolean {
  const size = w >>> 3;
  const bytes = n * size;
  const dst = addrReg(c, RDI, a32);
  if (dst + bytes > SANDBOX_SIZE) return false; // let the element loop fault at the exact element
  const m = c.mem;
  if (kind === K.Movs) {
    const src = addrReg(c, RSI, a32);
    if (src + bytes > SANDBOX_SIZE) return false;
    // overlapping forward copies replicate the pattern element by element: leave them to the loop
    if (dst > src && dst < src + bytes) return false;
    try {
      m.check(src, bytes, Perm.R);
      m.check(dst, bytes, Perm.W);
    } catch {
      return false;
    }
    m.u8.copyWithin(dst, src, src + bytes);
    addReg(c, RSI, a32, bytes);
  } else {
    try {
      m.check(dst, bytes, Perm.W);
    } catch {
      return false;
    }
    const v = acc(c, w), vh = c.outHi;
    if (w === 8) m.fillBytes(v & 0xff, dst, dst + bytes);
    else {
      for (let k = 0; k < size && k < bytes; k++) {
        m.u8[dst + k] = (k < 4 ? v >>> (8 * k) : vh >>> (8 * (k - 4))) & 0xff;
      }
      // doubling copy of the first element
      let done = size;
      while (done < bytes) {
        const chunk = Math.min(done, bytes - done);
        m.u8.copyWithin(dst + done, dst, dst + chunk);
        done += chunk;
      }
    }
  }
  addReg(c, RDI, a32, bytes);
  setCount(c, a32, 0);
  return true;
}
