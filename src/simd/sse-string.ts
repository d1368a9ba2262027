// SSE4.2 string compares: pcmpestri/pcmpestrm (explicit lengths in rAX/rDX) and pcmpistri/pcmpistrm
// (lengths up to the first zero element). Results: rCX index or XMM0 mask, and CF ZF SF OF.
import { def } from './registry.ts';
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';
import { setGpr32, srcX } from './operands.ts';

const EA = new Int32Array(16);
const EB = new Int32Array(16);

/** Loads the n elements of a 16-byte buffer per imm[1:0] (ub, uw, sb, sw). */
function elements(src: Uint8Array, off: number, imm: number, out: Int32Array): number {
  const words = (imm & 1) !== 0;
  const signed = (imm & 2) !== 0;
  const n = words ? 8 : 16;
  for (let i = 0; i < n; i++) {
    let v = words ? src[off + 2 * i] | (src[off + 2 * i + 1] << 8) : src[off + i];
    if (signed) v = words ? (v << 16) >> 16 : (v << 24) >> 24;
    out[i] = v;
  }
  return n;
}

function implicitLength(e: Int32Array, n: number): number {
  for (let i = 0; i < n; i++) if (e[i] === 0) return i;
  return n;
}

/** Absolute value of an explicit length (32- or 64-bit signed), saturated to n. */
function explicitLength(lo: number, hi: number, wide: boolean, n: number): number {
  if (wide) {
    const v = BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo >>> 0));
    const m = v < 0n ? -v : v;
    return m >= BigInt(n) ? n : Number(m);
  }
  const m = Math.abs(lo);
  return m >= n ? n : m;
}

/** IntRes2 as a bit mask over n elements. */
function compute(imm: number, n: number, la: number, lb: number): number {
  const agg = (imm >> 2) & 3;
  let r1 = 0;
  for (let j = 0; j < n; j++) {
    let bit = 0;
    if (agg === 0) {
      if (j < lb) for (let i = 0; i < la; i++) if (EA[i] === EB[j]) bit = 1;
    } else if (agg === 1) {
      if (j < lb) for (let i = 0; i + 1 < la; i += 2) if (EA[i] <= EB[j] && EB[j] <= EA[i + 1]) bit = 1;
    } else if (agg === 2) {
      bit = j >= la && j >= lb ? 1 : j >= la || j >= lb ? 0 : EA[j] === EB[j] ? 1 : 0;
    } else {
      bit = 1;
      for (let i = 0; i < n - j; i++) {
        if (i >= la) break;
        if (j + i >= lb || EA[i] !== EB[j + i]) { bit = 0; break; }
      }
    }
    r1 |= bit << j;
  }
  const all = (1 << n) - 1;
  switch ((imm >> 4) & 3) {
    case 1: return ~r1 & all;
    case 3: return (r1 ^ ((1 << lb) - 1)) & all;
    default: return r1;
  }
}

function pcmpstr(explicit: boolean, index: boolean, wide: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    const imm = c.imm;
    srcX(u, c, 16, false);
    const n = elements(u.xmm, 16 * c.reg, imm, EA);
    elements(u.tmp, 0, imm, EB);
    const R = c.host.R;
    const la = explicit ? explicitLength(R[0], R[1], wide, n) : implicitLength(EA, n);
    const lb = explicit ? explicitLength(R[4], R[5], wide, n) : implicitLength(EB, n);
    const r2 = compute(imm, n, la, lb);
    if (index) {
      const at = r2 === 0 ? n : imm & 0x40 ? 31 - Math.clz32(r2) : 31 - Math.clz32(r2 & -r2);
      setGpr32(c, 1, at);
    } else {
      const x = u.xmm;
      x.fill(0, 0, 16);
      if (imm & 0x40) {
        const w = n === 8 ? 2 : 1;
        for (let j = 0; j < n; j++) if ((r2 >> j) & 1) x.fill(0xff, w * j, w * j + w);
      } else {
        x[0] = r2;
        x[1] = r2 >>> 8;
      }
    }
    c.host.setFlags((r2 !== 0 ? 0x01 : 0) | (lb < n ? 0x40 : 0) | (la < n ? 0x80 : 0) | (r2 & 1 ? 0x800 : 0));
  };
}
def('pcmpestri', pcmpstr(true, true, false));
def('pcmpestri64', pcmpstr(true, true, true));
def('pcmpestrm', pcmpstr(true, false, false));
def('pcmpestrm64', pcmpstr(true, false, true));
def('pcmpistri', pcmpstr(false, true, false));
def('pcmpistrm', pcmpstr(false, false, false));
