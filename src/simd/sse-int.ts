// Packed integer operations for XMM (16-byte) and MMX (8-byte) registers: each operation reads
// the destination into A and the source into B, and writes O (n bytes) back to the destination.
import { def } from './registry.ts';
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';
import { srcM, srcX, touchMmx } from './operands.ts';

const A = new Uint8Array(16);
const B = new Uint8Array(16);
const O = new Uint8Array(16);
const views = (b: Uint8Array) => ({
  s8: new Int8Array(b.buffer), u16: new Uint16Array(b.buffer), s16: new Int16Array(b.buffer),
  s32: new Int32Array(b.buffer), u32: new Uint32Array(b.buffer), s64: new BigInt64Array(b.buffer),
  u64: new BigUint64Array(b.buffer),
});
const a = views(A);
const b = views(B);
const o = views(O);

type Compute = (n: number, imm: number) => void;

/** Registers the XMM form as `name` and the MMX form as `name.mm` (when `mmx`). */
function vec(name: string, f: Compute, mmx = true): void {
  def(name, (u: SimdUnit, c: Exec) => {
    srcX(u, c, 16, true);
    // int32 copies: no subarray views (each one an allocation)
    const x = u.xi32, t = u.ti32, d = 4 * c.reg, a32 = a.s32, b32 = b.s32, o32 = o.s32;
    for (let k = 0; k < 4; k++) { a32[k] = x[d + k]; b32[k] = t[k]; o32[k] = 0; }
    f(16, c.imm);
    for (let k = 0; k < 4; k++) x[d + k] = o32[k];
  });
  if (mmx) {
    def(`${name}.mm`, (u: SimdUnit, c: Exec) => {
      u.enterMmx();
      srcM(u, c);
      B.set(u.tmp);
      const d = 8 * (c.reg & 7);
      A.fill(0);
      A.set(u.mant.subarray(d, d + 8));
      O.fill(0);
      f(8, c.imm);
      u.mant.set(O.subarray(0, 8), d);
      touchMmx(u, c.reg);
    });
  }
}

const sat8 = (x: number) => (x < -128 ? -128 : x > 127 ? 127 : x);
const satU8 = (x: number) => (x < 0 ? 0 : x > 255 ? 255 : x);
const sat16 = (x: number) => (x < -32768 ? -32768 : x > 32767 ? 32767 : x);
const satU16 = (x: number) => (x < 0 ? 0 : x > 65535 ? 65535 : x);

/** Element-wise op on lanes of `w` bytes; `sgn` chooses signed views. */
function lanes(name: string, w: 1 | 2 | 4, sgn: boolean, op: (x: number, y: number) => number, mmx = true): void {
  vec(name, (n) => {
    if (w === 1) {
      const x = sgn ? a.s8 : A;
      const y = sgn ? b.s8 : B;
      for (let i = 0; i < n; i++) O[i] = op(x[i], y[i]);
    } else if (w === 2) {
      const x = sgn ? a.s16 : a.u16;
      const y = sgn ? b.s16 : b.u16;
      for (let i = 0; i < n / 2; i++) o.u16[i] = op(x[i], y[i]);
    } else {
      const x = sgn ? a.s32 : a.u32;
      const y = sgn ? b.s32 : b.u32;
      for (let i = 0; i < n / 4; i++) o.s32[i] = op(x[i], y[i]);
    }
  }, mmx);
}

lanes('paddb', 1, false, (x, y) => x + y);
lanes('paddw', 2, false, (x, y) => x + y);
lanes('paddd', 4, false, (x, y) => x + y);
lanes('psubb', 1, false, (x, y) => x - y);
lanes('psubw', 2, false, (x, y) => x - y);
lanes('psubd', 4, false, (x, y) => x - y);
lanes('paddsb', 1, true, (x, y) => sat8(x + y));
lanes('paddsw', 2, true, (x, y) => sat16(x + y));
lanes('psubsb', 1, true, (x, y) => sat8(x - y));
lanes('psubsw', 2, true, (x, y) => sat16(x - y));
lanes('paddusb', 1, false, (x, y) => satU8(x + y));
lanes('paddusw', 2, false, (x, y) => satU16(x + y));
lanes('psubusb', 1, false, (x, y) => satU8(x - y));
lanes('psubusw', 2, false, (x, y) => satU16(x - y));
lanes('pcmpeqb', 1, false, (x, y) => (x === y ? -1 : 0));
// Direct XMM versions of the byte ops that string and memory routines run in their inner loops.
function bytewise(name: string, op: (x: number, y: number) => number): void {
  def(`${name} Xr,Xm`, (u: SimdUnit, c: Exec) => {
    srcX(u, c, 16, true);
    const x = u.xmm;
    const t = u.tmp;
    const d = 16 * c.reg;
    for (let i = 0; i < 16; i++) x[d + i] = op(x[d + i], t[i]);
  });
}
bytewise('pcmpeqb', (x, y) => (x === y ? 0xff : 0));
bytewise('pminub', (x, y) => (x < y ? x : y));
bytewise('pmaxub', (x, y) => (x > y ? x : y));
lanes('pcmpeqw', 2, false, (x, y) => (x === y ? -1 : 0));
lanes('pcmpeqd', 4, false, (x, y) => (x === y ? -1 : 0));
lanes('pcmpgtb', 1, true, (x, y) => (x > y ? -1 : 0));
lanes('pcmpgtw', 2, true, (x, y) => (x > y ? -1 : 0));
lanes('pcmpgtd', 4, true, (x, y) => (x > y ? -1 : 0));
lanes('pminub', 1, false, Math.min);
lanes('pmaxub', 1, false, Math.max);
lanes('pminsw', 2, true, Math.min);
lanes('pmaxsw', 2, true, Math.max);
lanes('pminsb', 1, true, Math.min, false);
lanes('pmaxsb', 1, true, Math.max, false);
lanes('pminuw', 2, false, Math.min, false);
lanes('pmaxuw', 2, false, Math.max, false);
lanes('pminsd', 4, true, Math.min, false);
lanes('pmaxsd', 4, true, Math.max, false);
lanes('pminud', 4, false, Math.min, false);
lanes('pmaxud', 4, false, Math.max, false);
lanes('pavgb', 1, false, (x, y) => (x + y + 1) >> 1);
lanes('pavgw', 2, false, (x, y) => (x + y + 1) >> 1);
lanes('pmullw', 2, true, (x, y) => x * y);
lanes('pmulhw', 2, true, (x, y) => (x * y) >> 16);
lanes('pmulhuw', 2, false, (x, y) => Math.floor((x * y) / 65536));
lanes('pmulhrsw', 2, true, (x, y) => (((x * y) >> 14) + 1) >> 1);
lanes('pmulld', 4, true, (x, y) => Math.imul(x, y), false);
const sign = (x: number, y: number) => (y < 0 ? -x : y === 0 ? 0 : x);
lanes('psignb', 1, true, sign);
lanes('psignw', 2, true, sign);
lanes('psignd', 4, true, sign);
lanes('pabsb', 1, true, (_x, y) => Math.abs(y));
lanes('pabsw', 2, true, (_x, y) => Math.abs(y));
lanes('pabsd', 4, true, (_x, y) => Math.abs(y));

// 64-bit lanes.
vec('paddq', (n) => { for (let i = 0; i < n / 8; i++) o.s64[i] = a.s64[i] + b.s64[i]; });
vec('psubq', (n) => { for (let i = 0; i < n / 8; i++) o.s64[i] = a.s64[i] - b.s64[i]; });
vec('pmuludq', (n) => { for (let i = 0; i < n / 8; i++) o.u64[i] = BigInt(a.u32[2 * i]) * BigInt(b.u32[2 * i]); });
vec('pmuldq', (n) => { for (let i = 0; i < n / 8; i++) o.s64[i] = BigInt(a.s32[2 * i]) * BigInt(b.s32[2 * i]); }, false);
vec('pcmpeqq', (n) => { for (let i = 0; i < n / 8; i++) o.s64[i] = a.s64[i] === b.s64[i] ? -1n : 0n; }, false);
vec('pcmpgtq', (n) => { for (let i = 0; i < n / 8; i++) o.s64[i] = a.s64[i] > b.s64[i] ? -1n : 0n; }, false);

vec('pmaddwd', (n) => {
  for (let i = 0; i < n / 4; i++) o.s32[i] = (a.s16[2 * i] * b.s16[2 * i] + a.s16[2 * i + 1] * b.s16[2 * i + 1]) | 0;
});
vec('pmaddubsw', (n) => {
  for (let i = 0; i < n / 2; i++) o.s16[i] = sat16(A[2 * i] * b.s8[2 * i] + A[2 * i + 1] * b.s8[2 * i + 1]);
});
vec('psadbw', (n) => {
  for (let g = 0; g < n; g += 8) {
    let s = 0;
    for (let k = 0; k < 8; k++) s += Math.abs(A[g + k] - B[g + k]);
    o.u16[g / 2] = s;
  }
});

/** Horizontal ops: pairs of A then pairs of B. */
function horiz(name: string, w: 2 | 4, op: (x: number, y: number) => number): void {
  vec(name, (n) => {
    const per = n / w / 2;
    if (w === 2) {
      for (let i = 0; i < per; i++) o.s16[i] = op(a.s16[2 * i], a.s16[2 * i + 1]);
      for (let i = 0; i < per; i++) o.s16[per + i] = op(b.s16[2 * i], b.s16[2 * i + 1]);
    } else {
      for (let i = 0; i < per; i++) o.s32[i] = op(a.s32[2 * i], a.s32[2 * i + 1]);
      for (let i = 0; i < per; i++) o.s32[per + i] = op(b.s32[2 * i], b.s32[2 * i + 1]);
    }
  });
}
horiz('phaddw', 2, (x, y) => x + y);
horiz('phaddd', 4, (x, y) => (x + y) | 0);
horiz('phaddsw', 2, (x, y) => sat16(x + y));
horiz('phsubw', 2, (x, y) => x - y);
horiz('phsubd', 4, (x, y) => (x - y) | 0);
horiz('phsubsw', 2, (x, y) => sat16(x - y));

vec('pshufb', (n) => {
  for (let i = 0; i < n; i++) O[i] = B[i] & 0x80 ? 0 : A[B[i] & (n - 1)];
});
vec('palignr', (n, imm) => {
  for (let i = 0; i < n; i++) {
    const k = i + imm;
    O[i] = k < n ? B[k] : k < 2 * n ? A[k - n] : 0;
  }
});

// Packs: A's lanes narrowed into the low half, B's into the high half.
function pack(name: string, from: 2 | 4, sat: (x: number) => number, mmx = true): void {
  vec(name, (n) => {
    const per = n / from;
    const x = from === 2 ? a.s16 : a.s32;
    const y = from === 2 ? b.s16 : b.s32;
    for (let i = 0; i < per; i++) {
      const v1 = sat(x[i]);
      const v2 = sat(y[i]);
      if (from === 2) {
        O[i] = v1;
        O[per + i] = v2;
      } else {
        o.u16[i] = v1;
        o.u16[per + i] = v2;
      }
    }
  }, mmx);
}
pack('packsswb', 2, sat8);
pack('packuswb', 2, satU8);
pack('packssdw', 4, sat16);
pack('packusdw', 4, satU16, false);

/** Interleaves lanes of `w` bytes from the low (high = false) or high halves of A and B. */
function unpack(name: string, w: number, high: boolean, mmx = true): void {
  vec(name, (n) => {
    const half = n / 2;
    const base = high ? half : 0;
    for (let i = 0; i < half / w; i++) {
      for (let k = 0; k < w; k++) {
        O[2 * w * i + k] = A[base + w * i + k];
        O[2 * w * i + w + k] = B[base + w * i + k];
      }
    }
  }, mmx);
}
unpack('punpcklbw', 1, false);
unpack('punpcklwd', 2, false);
unpack('punpckldq', 4, false);
unpack('punpcklqdq', 8, false, false);
unpack('punpckhbw', 1, true);
unpack('punpckhwd', 2, true);
unpack('punpckhdq', 4, true);
unpack('punpckhqdq', 8, true, false);

/** Shifts of every lane by `count` (unsigned; >= lane bits: zero, or sign fill for arithmetic). */
function shiftLanes(kind: 'l' | 'r' | 'a', w: 2 | 4 | 8, n: number, count: number): void {
  const bits = 8 * w;
  if (w === 8) {
    for (let i = 0; i < n / 8; i++) {
      o.u64[i] = count >= 64 ? 0n : kind === 'l' ? a.u64[i] << BigInt(count) : a.u64[i] >> BigInt(count);
    }
    return;
  }
  const lanesN = n / w;
  for (let i = 0; i < lanesN; i++) {
    if (w === 2) {
      const v = a.s16[i];
      o.s16[i] = kind === 'a' ? v >> Math.min(count, 15) : count >= bits ? 0 : kind === 'l' ? v << count : (v & 0xffff) >>> count;
    } else {
      const v = a.s32[i];
      o.s32[i] = kind === 'a' ? v >> Math.min(count, 31) : count >= bits ? 0 : kind === 'l' ? v << count : v >>> count;
    }
  }
}
const SHIFTS = [['psrlw', 'r', 2], ['psrld', 'r', 4], ['psrlq', 'r', 8], ['psraw', 'a', 2], ['psrad', 'a', 4],
  ['psllw', 'l', 2], ['pslld', 'l', 4], ['psllq', 'l', 8]] as const;
for (const [name, kind, w] of SHIFTS) {
  // Count from the low quadword of the source (any value above 2^32 counts as huge).
  const byReg: Compute = (n) => {
    const count = b.u32[1] !== 0 ? 1000 : Math.min(b.u32[0], 1000);
    shiftLanes(kind, w, n, count);
  };
  vec(name, byReg);
  // Immediate forms shift ModRM.rm in place.
  def(`${name} Xr,i`, (u, c) => shiftXmm(u, c.rm, kind, w, c.imm & 0xff));
  def(`${name} Mr,i`, (u, c) => {
    u.enterMmx();
    const d = 8 * (c.rm & 7);
    A.fill(0);
    A.set(u.mant.subarray(d, d + 8));
    shiftLanes(kind, w, 8, c.imm & 0xff);
    u.mant.set(O.subarray(0, 8), d);
    touchMmx(u, c.rm);
  });
}
def('psrldq', (u, c) => {
  const d = 16 * c.rm;
  const k = c.imm & 0xff;
  A.set(u.xmm.subarray(d, d + 16));
  for (let i = 0; i < 16; i++) u.xmm[d + i] = i + k < 16 ? A[i + k] : 0;
});
def('pslldq', (u, c) => {
  const d = 16 * c.rm;
  const k = c.imm & 0xff;
  A.set(u.xmm.subarray(d, d + 16));
  for (let i = 0; i < 16; i++) u.xmm[d + i] = i - k >= 0 ? A[i - k] : 0;
});

// pmovsx / pmovzx: source elements of `from` bytes widened to `to` bytes.
const MOVX = [['bw', 1, 2], ['bd', 1, 4], ['bq', 1, 8], ['wd', 2, 4], ['wq', 2, 8], ['dq', 4, 8]] as const;
for (const [suffix, from, to] of MOVX) {
  for (const signed of [true, false]) {
    def(`pmov${signed ? 's' : 'z'}x${suffix}`, (u, c) => {
      const count = 16 / to;
      srcX(u, c, count * from, false);
      const t = u.tmp;
      const d = 16 * c.reg;
      for (let i = 0; i < count; i++) {
        const neg = signed && (t[i * from + from - 1] & 0x80) !== 0;
        for (let k = 0; k < to; k++) {
          u.xmm[d + i * to + k] = k < from ? t[i * from + k] : neg ? 0xff : 0;
        }
      }
    });
  }
}

vec('phminposuw', () => {
  let best = b.u16[0];
  let at = 0;
  for (let i = 1; i < 8; i++) if (b.u16[i] < best) { best = b.u16[i]; at = i; }
  o.u16[0] = best;
  o.u16[1] = at;
}, false);
vec('mpsadbw', (_n, imm) => {
  const da = 4 * ((imm >> 2) & 1);
  const sb = 4 * (imm & 3);
  for (let i = 0; i < 8; i++) {
    let s = 0;
    for (let j = 0; j < 4; j++) s += Math.abs(A[da + i + j] - B[sb + j]);
    o.u16[i] = s;
  }
}, false);

def('ptest', (u, c) => {
  srcX(u, c, 16, true);
  const x = u.xi32;
  const i = 4 * c.reg;
  const t = u.ti32;
  let and = 0;
  let andn = 0;
  for (let k = 0; k < 4; k++) {
    and |= x[i + k] & t[k];
    andn |= ~x[i + k] & t[k];
  }
  c.host.setFlags((and === 0 ? 0x40 : 0) | (andn === 0 ? 0x01 : 0));
});

// Direct XMM forms of the packed integer ops that compiled code runs in its inner loops (hashes,
// vectorized integer loops): dword/qword lanes as int32 halves, no scratch copies or closures.
// (Registered under their full signature, so they take precedence over the generic forms above.)
function xmmDwords(name: string, op: 0 | 1 | 2): void {
  def(`${name} Xr,Xm`, (u: SimdUnit, c: Exec) => {
    srcX(u, c, 16, true);
    const x = u.xi32, t = u.ti32, d = 4 * c.reg;
    for (let k = 0; k < 4; k++) {
      const a = x[d + k], b = t[k];
      x[d + k] = op === 0 ? (a + b) | 0 : op === 1 ? (a - b) | 0 : a === b ? -1 : 0;
    }
  });
}
xmmDwords('paddd', 0);
xmmDwords('psubd', 1);
xmmDwords('pcmpeqd', 2);
function xmmQwords(name: string, sub: boolean): void {
  def(`${name} Xr,Xm`, (u: SimdUnit, c: Exec) => {
    srcX(u, c, 16, true);
    const x = u.xi32, t = u.ti32, d = 4 * c.reg;
    for (let k = 0; k < 4; k += 2) {
      const aLo = x[d + k], aHi = x[d + k + 1], bLo = t[k], bHi = t[k + 1];
      if (sub) {
        x[d + k] = (aLo - bLo) | 0;
        x[d + k + 1] = (aHi - bHi - (aLo >>> 0 < bLo >>> 0 ? 1 : 0)) | 0;
      } else {
        const lo = (aLo + bLo) | 0;
        x[d + k] = lo;
        x[d + k + 1] = (aHi + bHi + (lo >>> 0 < aLo >>> 0 ? 1 : 0)) | 0;
      }
    }
  });
}
xmmQwords('paddq', false);
xmmQwords('psubq', true);
/** Interleave of dwords (w = 1) or qwords (w = 2) from the low or high halves. */
function xmmUnpack(name: string, w: 1 | 2, high: boolean): void {
  def(`${name} Xr,Xm`, (u: SimdUnit, c: Exec) => {
    srcX(u, c, 16, true);
    const x = u.xi32, t = u.ti32, d = 4 * c.reg, h = high ? 2 : 0;
    if (w === 1) {
      const a0 = x[d + h], a1 = x[d + h + 1];
      x[d] = a0; x[d + 1] = t[h]; x[d + 2] = a1; x[d + 3] = t[h + 1];
    } else {
      const a0 = x[d + h], a1 = x[d + h + 1];
      x[d] = a0; x[d + 1] = a1; x[d + 2] = t[h]; x[d + 3] = t[h + 1];
    }
  });
}
xmmUnpack('punpckldq', 1, false);
xmmUnpack('punpckhdq', 1, true);
xmmUnpack('punpcklqdq', 2, false);
xmmUnpack('punpckhqdq', 2, true);
/** Dword/qword/word lane shifts of an XMM register by a count (immediate, or the source's low qword). */
function shiftXmm(u: SimdUnit, r: number, kind: 'l' | 'r' | 'a', w: 2 | 4 | 8, count: number): void {
  const x = u.xi32, d = 4 * r;
  if (w === 4) {
    for (let k = 0; k < 4; k++) {
      const v = x[d + k];
      x[d + k] = kind === 'a' ? v >> (count > 31 ? 31 : count) : count > 31 ? 0 : kind === 'l' ? v << count : v >>> count;
    }
  } else if (w === 8) {
    for (let k = 0; k < 4; k += 2) {
      const lo = x[d + k], hi = x[d + k + 1];
      if (count > 63) { x[d + k] = 0; x[d + k + 1] = 0; }
      else if (count === 0) continue;
      else if (kind === 'l') {
        if (count < 32) { x[d + k + 1] = (hi << count) | (lo >>> (32 - count)); x[d + k] = lo << count; }
        else { x[d + k + 1] = lo << (count - 32); x[d + k] = 0; }
      } else if (count < 32) { x[d + k] = (lo >>> count) | (hi << (32 - count)); x[d + k + 1] = hi >>> count; }
      else { x[d + k] = hi >>> (count - 32); x[d + k + 1] = 0; }
    }
  } else {
    const h = u.xu16, e = 8 * r;
    for (let k = 0; k < 8; k++) {
      const v = h[e + k];
      h[e + k] = kind === 'a' ? ((v << 16) >> 16) >> (count > 15 ? 15 : count) : count > 15 ? 0 : kind === 'l' ? v << count : v >>> count;
    }
  }
}
