// Lazy condition flags: an ALU op records (kind, width, a, b, result); each flag is derived on
// demand. Ops that are not worth deferring write `flags` directly (lazyKind None).
import { Flag } from '../decoder/types.ts';
import { type CpuState, LazyKind } from './state.ts';

const PARITY = new Uint8Array(256);
for (let i = 0; i < 256; i++) {
  let b = i, p = 1;
  while (b) { p ^= b & 1; b >>= 1; }
  PARITY[i] = p;
}
/** PF of a value's low byte (1 = even number of set bits). */
export function parity(v: number): number {
  return PARITY[v & 0xff];
}

/** Sign bit at width w (1/0) of the value lo/hi. */
export function signAt(w: number, lo: number, hi: number): number {
  return (w === 64 ? hi : lo << (32 - w)) >>> 31;
}
/** 1 when lo/hi is zero at width w. */
export function zeroAt(w: number, lo: number, hi: number): number {
  return (w === 64 ? (lo | hi) === 0 : lo << (32 - w) === 0) ? 1 : 0;
}
/** Unsigned a < b at width w. */
export function ultAt(w: number, aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  if (w === 64) {
    const ah = aHi >>> 0, bh = bHi >>> 0;
    return ah < bh || (ah === bh && aLo >>> 0 < bLo >>> 0);
  }
  const s = 32 - w;
  return (aLo << s) >>> 0 < (bLo << s) >>> 0;
}
function eqAt(w: number, aLo: number, aHi: number, bLo: number, bHi: number): boolean {
  if (w === 64) return aLo === bLo && aHi === bHi;
  const s = 32 - w;
  return aLo << s === bLo << s;
}

export function getCF(c: CpuState): number {
  const w = c.lazyWidth;
  switch (c.lazyKind) {
    case LazyKind.None: return c.flags & Flag.CF;
    case LazyKind.Add: return ultAt(w, c.rLo, c.rHi, c.aLo, c.aHi) ? 1 : 0;
    case LazyKind.Adc:
      return ultAt(w, c.rLo, c.rHi, c.aLo, c.aHi) || (c.cin !== 0 && eqAt(w, c.rLo, c.rHi, c.aLo, c.aHi)) ? 1 : 0;
    case LazyKind.Sub: return ultAt(w, c.aLo, c.aHi, c.bLo, c.bHi) ? 1 : 0;
    case LazyKind.Sbb:
      return ultAt(w, c.aLo, c.aHi, c.bLo, c.bHi) || (c.cin !== 0 && eqAt(w, c.aLo, c.aHi, c.bLo, c.bHi)) ? 1 : 0;
    case LazyKind.Logic: return 0;
    default: return c.cin; // inc/dec keep CF
  }
}
export function getZF(c: CpuState): number {
  return c.lazyKind === LazyKind.None ? (c.flags >> 6) & 1 : zeroAt(c.lazyWidth, c.rLo, c.rHi);
}
export function getSF(c: CpuState): number {
  return c.lazyKind === LazyKind.None ? (c.flags >> 7) & 1 : signAt(c.lazyWidth, c.rLo, c.rHi);
}
export function getPF(c: CpuState): number {
  return c.lazyKind === LazyKind.None ? (c.flags >> 2) & 1 : PARITY[c.rLo & 0xff];
}
export function getAF(c: CpuState): number {
  return c.lazyKind === LazyKind.None
    ? (c.flags >> 4) & 1
    : c.lazyKind === LazyKind.Logic ? 0 : ((c.aLo ^ c.bLo ^ c.rLo) >> 4) & 1;
}
export function getOF(c: CpuState): number {
  const w = c.lazyWidth;
  switch (c.lazyKind) {
    case LazyKind.None: return (c.flags >> 11) & 1;
    case LazyKind.Add: case LazyKind.Adc: case LazyKind.Inc:
      return signAt(w, (c.aLo ^ c.rLo) & (c.bLo ^ c.rLo), (c.aHi ^ c.rHi) & (c.bHi ^ c.rHi));
    case LazyKind.Logic: return 0;
    default:
      return signAt(w, (c.aLo ^ c.bLo) & (c.aLo ^ c.rLo), (c.aHi ^ c.bHi) & (c.aHi ^ c.rHi));
  }
}

/** The six status flags as RFLAGS bits. */
export function statusFlags(c: CpuState): number {
  if (c.lazyKind === LazyKind.None) return c.flags;
  return getCF(c) | (getPF(c) << 2) | (getAF(c) << 4) | (getZF(c) << 6) | (getSF(c) << 7) | (getOF(c) << 11);
}
/** Folds the lazy state into `flags`. */
export function materialize(c: CpuState): void {
  if (c.lazyKind !== LazyKind.None) {
    c.flags = statusFlags(c);
    c.lazyKind = LazyKind.None;
  }
}
/** Sets the status flags from RFLAGS bits (others ignored). */
export function setStatusFlags(c: CpuState, v: number): void {
  c.flags = v & 0x8d5;
  c.lazyKind = LazyKind.None;
}
/** The full RFLAGS value (reserved bit 1 and IF set, as user code sees them). */
export function rflags(c: CpuState): number {
  return statusFlags(c) | (c.df << 10) | 0x202;
}

/** Records lazy flags of an arithmetic op. */
export function setLazy(c: CpuState, kind: number, w: number, aLo: number, aHi: number, bLo: number, bHi: number, rLo: number, rHi: number): void {
  c.lazyKind = kind;
  c.lazyWidth = w;
  c.aLo = aLo; c.aHi = aHi; c.bLo = bLo; c.bHi = bHi; c.rLo = rLo; c.rHi = rHi;
}

/** Evaluates condition code cc (0 = O ... 15 = NLE, Intel's order). */
export function cond(c: CpuState, cc: number): boolean {
  const k = c.lazyKind;
  if (k === LazyKind.Sub && c.lazyWidth >= 32) {
    // cmp fast path
    const w64 = c.lazyWidth === 64;
    let r: boolean;
    switch (cc >> 1) {
      case 1: r = w64 ? ultAt(64, c.aLo, c.aHi, c.bLo, c.bHi) : c.aLo >>> 0 < c.bLo >>> 0; break; // B
      case 2: r = w64 ? (c.rLo | c.rHi) === 0 : c.rLo === 0; break; // Z
      case 3: r = w64 ? !ultAt(64, c.bLo, c.bHi, c.aLo, c.aHi) : c.aLo >>> 0 <= c.bLo >>> 0; break; // BE
      case 4: r = (w64 ? c.rHi : c.rLo) < 0; break; // S
      case 6: r = w64 ? c.aHi < c.bHi || (c.aHi === c.bHi && c.aLo >>> 0 < c.bLo >>> 0) : c.aLo < c.bLo; break; // L
      case 7: r = w64 ? c.aHi < c.bHi || (c.aHi === c.bHi && c.aLo >>> 0 <= c.bLo >>> 0) : c.aLo <= c.bLo; break; // LE
      default: return condSlow(c, cc);
    }
    return (cc & 1) === 0 ? r : !r;
  }
  if (k === LazyKind.Logic) {
    let r: boolean;
    switch (cc >> 1) {
      case 0: case 1: r = false; break; // O, B
      case 2: case 3: r = zeroAt(c.lazyWidth, c.rLo, c.rHi) === 1; break; // Z, BE
      case 4: case 6: r = signAt(c.lazyWidth, c.rLo, c.rHi) === 1; break; // S, L
      case 7: r = zeroAt(c.lazyWidth, c.rLo, c.rHi) === 1 || signAt(c.lazyWidth, c.rLo, c.rHi) === 1; break; // LE
      default: return condSlow(c, cc);
    }
    return (cc & 1) === 0 ? r : !r;
  }
  return condSlow(c, cc);
}

function condSlow(c: CpuState, cc: number): boolean {
  let r: boolean;
  switch (cc >> 1) {
    case 0: r = getOF(c) === 1; break;
    case 1: r = getCF(c) === 1; break;
    case 2: r = getZF(c) === 1; break;
    case 3: r = (getCF(c) | getZF(c)) === 1; break;
    case 4: r = getSF(c) === 1; break;
    case 5: r = getPF(c) === 1; break;
    case 6: r = getSF(c) !== getOF(c); break;
    default: r = getZF(c) === 1 || getSF(c) !== getOF(c); break;
  }
  return (cc & 1) === 0 ? r : !r;
}
