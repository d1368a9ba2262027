// Data movement: loads/stores, register moves, movd/movq, shuffles, unpacks, bitwise logic,
// element insert/extract, blends and sign-mask extraction (bit-exact: never through floats).
import { formAt } from '../decoder/index.ts';
import { def } from './registry.ts';
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';
import {
  HI, checkAligned, dstE, setGpr32, srcE, srcM, srcX, touchMmx, writeMem,
} from './operands.ts';

/** Full-width loads: xmm[reg] = src. */
function load16(aligned: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    const x = u.xi32;
    const i = 4 * c.reg;
    if (c.ea < 0) { // register to register: no scratch copy
      const s = 4 * c.rm;
      x[i] = x[s];
      x[i + 1] = x[s + 1];
      x[i + 2] = x[s + 2];
      x[i + 3] = x[s + 3];
      return;
    }
    srcX(u, c, 16, aligned);
    const t = u.ti32;
    x[i] = t[0];
    x[i + 1] = t[1];
    x[i + 2] = t[2];
    x[i + 3] = t[3];
  };
}
/** Full-width stores: xmm[rm]/m128 = xmm[reg]. */
function store16(aligned: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    const x = u.xi32;
    const s = 4 * c.reg;
    if (c.ea < 0) {
      const d = 4 * c.rm;
      x[d] = x[s];
      x[d + 1] = x[s + 1];
      x[d + 2] = x[s + 2];
      x[d + 3] = x[s + 3];
      return;
    }
    if (aligned) checkAligned(c.ea);
    const m = c.host.mem;
    m.check(c.ea, 16, 2);
    m.write64(c.ea, x[s], x[s + 1]);
    m.write64(c.ea + 8, x[s + 2], x[s + 3]);
  };
}
def(['movups Xr,Xm', 'movupd Xr,Xm', 'movdqu Xr,Xm', 'lddqu'], load16(false));
def(['movaps Xr,Xm', 'movapd Xr,Xm', 'movdqa Xr,Xm', 'movntdqa'], load16(true));
def(['movups Xm,Xr', 'movupd Xm,Xr', 'movdqu Xm,Xr'], store16(false));
def(['movaps Xm,Xr', 'movapd Xm,Xr', 'movdqa Xm,Xr', 'movntps', 'movntpd', 'movntdq'], store16(true));

/** movss/movsd: memory loads zero the rest; register moves copy only the low element. */
function scalarLoad(size: number) {
  return (u: SimdUnit, c: Exec): void => {
    const x = u.xi32;
    const d = 4 * c.reg;
    if (c.ea < 0) {
      const s = 4 * c.rm;
      x[d] = x[s];
      if (size === 8) x[d + 1] = x[s + 1];
      return;
    }
    const m = c.host.mem;
    if (size === 8) { x[d] = m.read64(c.ea); x[d + 1] = m.hi; }
    else { x[d] = m.read32(c.ea); x[d + 1] = 0; }
    x[d + 2] = 0;
    x[d + 3] = 0;
  };
}
function scalarStore(size: number) {
  return (u: SimdUnit, c: Exec): void => {
    const x = u.xi32;
    const s = 4 * c.reg;
    if (c.ea < 0) {
      const d = 4 * c.rm;
      x[d] = x[s];
      if (size === 8) x[d + 1] = x[s + 1];
    } else if (size === 8) c.host.mem.write64(c.ea, x[s], x[s + 1]);
    else c.host.mem.write32(c.ea, x[s]);
  };
}
def('movss Xr,Xm', scalarLoad(4));
def('movsd Xr,Xm', scalarLoad(8));
/** Register-to-register movss/movsd: 0F 10 copies rm into reg, 0F 11 reg into rm (low element only). */
function scalarMove(size: number) {
  return (u: SimdUnit, c: Exec): void => {
    const toRm = formAt(c.form).opcode === 0x11;
    const x = u.xi32;
    const s = 4 * (toRm ? c.reg : c.rm), d = 4 * (toRm ? c.rm : c.reg);
    x[d] = x[s];
    if (size === 8) x[d + 1] = x[s + 1];
  };
}
def('movss Xr,Xr', scalarMove(4));
def('movsd Xr,Xr', scalarMove(8));
def('movss Xm,Xr', scalarStore(4));
def('movsd Xm,Xr', scalarStore(8));

/** Loads 8 bytes into the low (off 0) or high (off 8) half. */
function halfLoad(off: number) {
  return (u: SimdUnit, c: Exec): void => {
    const m = c.host.mem;
    const d = 4 * c.reg + off / 4;
    const lo = m.read64(c.ea);
    u.xi32[d] = lo;
    u.xi32[d + 1] = m.hi;
  };
}
function halfStore(off: number) {
  return (u: SimdUnit, c: Exec): void => {
    const s = 4 * c.reg + off / 4;
    c.host.mem.write64(c.ea, u.xi32[s], u.xi32[s + 1]);
  };
}
def(['movlps Xr,Gm', 'movlpd Xr,Gm'], halfLoad(0));
def(['movhps Xr,Gm', 'movhpd Xr,Gm'], halfLoad(8));
def(['movlps Gm,Xr', 'movlpd Gm,Xr'], halfStore(0));
def(['movhps Gm,Xr', 'movhpd Gm,Xr'], halfStore(8));
def('movhlps', (u, c) => {
  const x = u.xi32, d = 4 * c.reg, s = 4 * c.rm;
  x[d] = x[s + 2];
  x[d + 1] = x[s + 3];
});
def('movlhps', (u, c) => {
  const x = u.xi32, d = 4 * c.reg, s = 4 * c.rm;
  x[d + 2] = x[s];
  x[d + 3] = x[s + 1];
});

/** Writes four dwords to xmm[reg]. */
function set4(u: SimdUnit, r: number, a: number, b: number, cc: number, d: number): void {
  const x = u.xi32;
  const i = 4 * r;
  x[i] = a;
  x[i + 1] = b;
  x[i + 2] = cc;
  x[i + 3] = d;
}
def('movsldup', (u, c) => {
  srcX(u, c, 16, true);
  const t = u.ti32;
  set4(u, c.reg, t[0], t[0], t[2], t[2]);
});
def('movshdup', (u, c) => {
  srcX(u, c, 16, true);
  const t = u.ti32;
  set4(u, c.reg, t[1], t[1], t[3], t[3]);
});
def('movddup', (u, c) => {
  srcX(u, c, 8, false);
  const t = u.ti32;
  set4(u, c.reg, t[0], t[1], t[0], t[1]);
});

def('unpcklps', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  set4(u, c.reg, x[i], t[0], x[i + 1], t[1]);
});
def('unpckhps', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  set4(u, c.reg, x[i + 2], t[2], x[i + 3], t[3]);
});
def('unpcklpd', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  set4(u, c.reg, x[i], x[i + 1], t[0], t[1]);
});
def('unpckhpd', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  set4(u, c.reg, x[i + 2], x[i + 3], t[2], t[3]);
});

// movd / movq between GPRs or memory and XMM / MMX registers.
def('movd Xr,Gm', (u, c) => set4(u, c.reg, srcE(c, 32), 0, 0, 0));
def('movq Xr,Gm', (u, c) => {
  const lo = srcE(c, 64);
  set4(u, c.reg, lo, HI[0], 0, 0);
});
def('movd Gm,Xr', (u, c) => dstE(c, 32, u.xi32[4 * c.reg], 0));
def('movq Gm,Xr', (u, c) => dstE(c, 64, u.xi32[4 * c.reg], u.xi32[4 * c.reg + 1]));
def('movq Xr,Xm', (u, c) => {
  srcX(u, c, 8, false);
  set4(u, c.reg, u.ti32[0], u.ti32[1], 0, 0);
});
def('movq Xm,Xr', (u, c) => {
  const x = u.xi32;
  const s = 4 * c.reg;
  if (c.ea < 0) set4(u, c.rm, x[s], x[s + 1], 0, 0);
  else writeMem(c, c.ea, 8, u.xmm, 16 * c.reg);
});
function setMm(u: SimdUnit, r: number, lo: number, hi: number): void {
  u.enterMmx();
  u.mi32[2 * (r & 7)] = lo;
  u.mi32[2 * (r & 7) + 1] = hi;
  touchMmx(u, r);
}
def('movd Mr,Gm', (u, c) => setMm(u, c.reg, srcE(c, 32), 0));
def('movq Mr,Gm', (u, c) => {
  const lo = srcE(c, 64);
  setMm(u, c.reg, lo, HI[0]);
});
def('movd Gm,Mr', (u, c) => {
  u.enterMmx();
  dstE(c, 32, u.mi32[2 * (c.reg & 7)], 0);
});
def('movq Gm,Mr', (u, c) => {
  u.enterMmx();
  dstE(c, 64, u.mi32[2 * (c.reg & 7)], u.mi32[2 * (c.reg & 7) + 1]);
});
def('movq Mr,Mm', (u, c) => {
  u.enterMmx();
  srcM(u, c);
  setMm(u, c.reg, u.ti32[0], u.ti32[1]);
});
def(['movq Mm,Mr', 'movntq'], (u, c) => {
  u.enterMmx();
  const s = 2 * (c.reg & 7);
  if (c.ea < 0) setMm(u, c.rm, u.mi32[s], u.mi32[s + 1]);
  else writeMem(c, c.ea, 8, u.mant, 8 * (c.reg & 7));
});
def('movq2dq', (u, c) => {
  u.enterMmx();
  const s = 2 * (c.rm & 7);
  set4(u, c.reg, u.mi32[s], u.mi32[s + 1], 0, 0);
});
def('movdq2q', (u, c) => setMm(u, c.reg, u.xi32[4 * c.rm], u.xi32[4 * c.rm + 1]));

// Bitwise logic on whole registers.
function logic(kind: number, mmx: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    let x: Int32Array;
    let i: number;
    let n: number;
    if (mmx) {
      u.enterMmx();
      srcM(u, c);
      x = u.mi32;
      i = 2 * (c.reg & 7);
      n = 2;
      touchMmx(u, c.reg);
    } else {
      srcX(u, c, 16, true);
      x = u.xi32;
      i = 4 * c.reg;
      n = 4;
    }
    const t = u.ti32;
    for (let k = 0; k < n; k++) {
      const a = x[i + k];
      const b = t[k];
      x[i + k] = kind === 0 ? a & b : kind === 1 ? ~a & b : kind === 2 ? a | b : a ^ b;
    }
  };
}
def(['andps', 'andpd', 'pand'], logic(0, false));
def(['andnps', 'andnpd', 'pandn'], logic(1, false));
def(['orps', 'orpd', 'por'], logic(2, false));
def(['xorps', 'xorpd', 'pxor'], logic(3, false));
def('pand.mm', logic(0, true));
def('pandn.mm', logic(1, true));
def('por.mm', logic(2, true));
def('pxor.mm', logic(3, true));

// Shuffles.
def('shufps', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  const m = c.imm;
  set4(u, c.reg, x[i + (m & 3)], x[i + ((m >> 2) & 3)], t[(m >> 4) & 3], t[(m >> 6) & 3]);
});
def('shufpd', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  const a = 2 * (c.imm & 1);
  const b = 2 * ((c.imm >> 1) & 1);
  set4(u, c.reg, x[i + a], x[i + a + 1], t[b], t[b + 1]);
});
def('pshufd', (u, c) => {
  srcX(u, c, 16, true);
  const t = u.ti32;
  const m = c.imm;
  set4(u, c.reg, t[m & 3], t[(m >> 2) & 3], t[(m >> 4) & 3], t[(m >> 6) & 3]);
});
/** Shuffles the four words at word index `w` of u.tmp into xmm/mmx words. */
function shufWords(src: Uint8Array, so: number, dst: Uint8Array, dOff: number, m: number): void {
  const w0 = src[so + 2 * (m & 3)] | (src[so + 2 * (m & 3) + 1] << 8);
  const w1 = src[so + 2 * ((m >> 2) & 3)] | (src[so + 2 * ((m >> 2) & 3) + 1] << 8);
  const w2 = src[so + 2 * ((m >> 4) & 3)] | (src[so + 2 * ((m >> 4) & 3) + 1] << 8);
  const w3 = src[so + 2 * ((m >> 6) & 3)] | (src[so + 2 * ((m >> 6) & 3) + 1] << 8);
  dst[dOff] = w0; dst[dOff + 1] = w0 >> 8; dst[dOff + 2] = w1; dst[dOff + 3] = w1 >> 8;
  dst[dOff + 4] = w2; dst[dOff + 5] = w2 >> 8; dst[dOff + 6] = w3; dst[dOff + 7] = w3 >> 8;
}
def('pshufhw', (u, c) => {
  srcX(u, c, 16, true);
  u.xmm.set(u.tmp.subarray(0, 8), 16 * c.reg);
  shufWords(u.tmp, 8, u.xmm, 16 * c.reg + 8, c.imm);
});
def('pshuflw', (u, c) => {
  srcX(u, c, 16, true);
  u.xmm.set(u.tmp.subarray(8, 16), 16 * c.reg + 8);
  shufWords(u.tmp, 0, u.xmm, 16 * c.reg, c.imm);
});
def('pshufw', (u, c) => {
  u.enterMmx();
  srcM(u, c);
  shufWords(u.tmp, 0, u.mant, 8 * (c.reg & 7), c.imm);
  touchMmx(u, c.reg);
});

// Sign masks.
def('movmskps', (u, c) => {
  const x = u.xi32;
  const i = 4 * c.rm;
  setGpr32(c, c.reg, (x[i] >>> 31) | ((x[i + 1] >>> 31) << 1) | ((x[i + 2] >>> 31) << 2) | ((x[i + 3] >>> 31) << 3));
});
def('movmskpd', (u, c) => {
  const x = u.xi32;
  const i = 4 * c.rm;
  setGpr32(c, c.reg, (x[i + 1] >>> 31) | ((x[i + 3] >>> 31) << 1));
});
def('pmovmskb', (u, c) => {
  const b = u.xmm;
  const o = 16 * c.rm;
  let m = 0;
  for (let k = 15; k >= 0; k--) m = (m << 1) | (b[o + k] >>> 7);
  setGpr32(c, c.reg, m);
});
def('pmovmskb.mm', (u, c) => {
  u.enterMmx();
  const b = u.mant;
  const o = 8 * (c.rm & 7);
  let m = 0;
  for (let k = 7; k >= 0; k--) m = (m << 1) | (b[o + k] >>> 7);
  setGpr32(c, c.reg, m);
});

// Element insert / extract.
function insert(bytes: number, lanes: number) {
  return (u: SimdUnit, c: Exec): void => {
    const lo = srcE(c, bytes === 8 ? 64 : 8 * bytes);
    const hi = HI[0];
    const at = 16 * c.reg + bytes * (c.imm & (lanes - 1));
    for (let k = 0; k < bytes; k++) u.xmm[at + k] = k < 4 ? lo >>> (8 * k) : hi >>> (8 * (k - 4));
  };
}
def('pinsrb', insert(1, 16));
def('pinsrw', insert(2, 8));
def('pinsrd', insert(4, 4));
def('pinsrq', insert(8, 2));
def('pinsrw.mm', (u, c) => {
  u.enterMmx();
  const v = srcE(c, 16);
  const at = 8 * (c.reg & 7) + 2 * (c.imm & 3);
  u.mant[at] = v;
  u.mant[at + 1] = v >>> 8;
  touchMmx(u, c.reg);
});
def('pextrw Gr,Xr,i', (u, c) => {
  const at = 16 * c.rm + 2 * (c.imm & 7);
  setGpr32(c, c.reg, u.xmm[at] | (u.xmm[at + 1] << 8));
});
def('pextrw.mm', (u, c) => {
  u.enterMmx();
  const at = 8 * (c.rm & 7) + 2 * (c.imm & 3);
  setGpr32(c, c.reg, u.mant[at] | (u.mant[at + 1] << 8));
});
function extract(bytes: number, lanes: number) {
  return (u: SimdUnit, c: Exec): void => {
    const at = 16 * c.reg + bytes * (c.imm & (lanes - 1));
    const x = u.xmm;
    const lo = bytes === 1 ? x[at] : bytes === 2 ? x[at] | (x[at + 1] << 8)
      : x[at] | (x[at + 1] << 8) | (x[at + 2] << 16) | (x[at + 3] << 24);
    const hi = bytes === 8 ? x[at + 4] | (x[at + 5] << 8) | (x[at + 6] << 16) | (x[at + 7] << 24) : 0;
    // Register destinations are zero-extended to the operand size; memory gets the element only.
    if (c.ea < 0) dstE(c, bytes === 8 || c.opSize === 64 ? 64 : 32, lo, hi);
    else dstE(c, 8 * bytes, lo, hi);
  };
}
def('pextrb', extract(1, 16));
def('pextrw Gm,Xr,i', extract(2, 8));
def('pextrd', extract(4, 4));
def('pextrq', extract(8, 2));
def('extractps', extract(4, 4));
def('insertps', (u, c) => {
  let v: number;
  if (c.ea < 0) v = u.xi32[4 * c.rm + ((c.imm >> 6) & 3)];
  else v = c.host.mem.read32(c.ea);
  const i = 4 * c.reg;
  u.xi32[i + ((c.imm >> 4) & 3)] = v;
  for (let k = 0; k < 4; k++) if (c.imm & (1 << k)) u.xi32[i + k] = 0;
});

// Blends.
function blendImm(lane: number, count: number) {
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, 16, true);
    const d = 16 * c.reg;
    for (let k = 0; k < count; k++) {
      if (c.imm & (1 << k)) u.xmm.set(u.tmp.subarray(lane * k, lane * k + lane), d + lane * k);
    }
  };
}
def('blendps', blendImm(4, 4));
def('blendpd', blendImm(8, 2));
def('pblendw', blendImm(2, 8));
/** Variable blends: the sign bit of each XMM0 element selects the source element. */
function blendVar(lane: number) {
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, 16, true);
    const d = 16 * c.reg;
    for (let k = 0; k < 16; k += lane) {
      if (u.xmm[k + lane - 1] & 0x80) u.xmm.set(u.tmp.subarray(k, k + lane), d + k);
    }
  };
}
def('pblendvb', blendVar(1));
def('blendvps', blendVar(4));
def('blendvpd', blendVar(8));
