// SSE/SSE2/SSE3/SSE4.1 floating-point operations, lane by lane through the exact MXCSR-aware
// semantics of src/fpu/sse (results are computed into a scratch buffer, exceptions are checked,
// then the destination is written: an unmasked exception leaves the destination unchanged).
import { Binary32, Binary64, type BinaryFormat, type Bits } from '../fpu/binary.ts';
import {
  dppd, dpps, sseAdd, sseCmp, sseComi, sseConvertFloat, sseDiv, sseFromInt, sseMinMax, sseMul, sseRound,
  sseSqrt, sseSub, sseToInt, type SseEnv,
} from '../fpu/sse/index.ts';
import { def } from './registry.ts';
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';
import { HI, setGpr32, setGpr64, srcE, srcM, srcX, touchMmx } from './operands.ts';
import { SimdFaultKind, simdFault } from './fault.ts';
import { rcp14, rsqrt14 } from './approx.ts';
import { FAST_OUT32, FAST_OUT64, Fast, FastOp, MIN32, MIN64, fastArith } from './fast-float.ts';

const env: SseEnv = { mxcsr: 0 };
const R = new Uint8Array(16);
const R32 = new Int32Array(R.buffer);

function begin(u: SimdUnit): void {
  env.mxcsr = u.mxcsr & ~0x3f;
}
/** Merges the raised flags into MXCSR; faults (#XM) when one of them is unmasked. */
export function finishSse(u: SimdUnit): void {
  const raised = env.mxcsr & 0x3f;
  if (raised === 0) return;
  const unmasked = raised & ~(u.mxcsr >> 7) & 0x3f;
  u.mxcsr |= raised;
  if (unmasked !== 0) simdFault(SimdFaultKind.SimdFloatingPoint);
}

const f32 = (v: number): Bits => ({ hi: 0, lo: v >>> 0 });
const f64 = (x: Int32Array, i: number): Bits => ({ hi: x[i + 1] >>> 0, lo: x[i] >>> 0 });
function put(f: BinaryFormat, k: number, r: Bits): void {
  if (f === Binary32) R32[k] = r.lo;
  else {
    R32[2 * k] = r.lo;
    R32[2 * k + 1] = r.hi;
  }
}
function lane(f: BinaryFormat, x: Int32Array, base: number, k: number): Bits {
  return f === Binary32 ? f32(x[base + k]) : f64(x, base + 2 * k);
}

type Binop = (f: BinaryFormat, a: Bits, b: Bits, imm: number) => Bits;

/** Raises PE for a fast path's inexact result (#XM when PE is unmasked, before any write). */
function fastInexact(u: SimdUnit): void {
  u.mxcsr |= 0x20;
  if ((u.mxcsr & 0x1000) === 0) simdFault(SimdFaultKind.SimdFloatingPoint);
}

/** Packed (all lanes) or scalar (lane 0, the rest of the destination kept) binary operation;
 * `fop` (FastOp) names the ones with a fast path (fast-float.ts). */
function floatOp(f: BinaryFormat, packed: boolean, op: Binop, unary = false, fop = 0) {
  const size = packed ? 16 : f.p === 24 ? 4 : 8;
  const count = packed ? (f.p === 24 ? 4 : 2) : 1;
  const single = f.p === 24;
  return (u: SimdUnit, c: Exec): void => {
    if (fop !== 0 && (u.mxcsr & 0x6000) === 0) { // round to nearest
      let y32 = u.xf32, y64 = u.xf64, yi = single ? 4 * c.rm : 2 * c.rm;
      if (c.ea >= 0) {
        srcX(u, c, size, true);
        y32 = u.tf32; y64 = u.tf64; yi = 0;
      }
      const xi = single ? 4 * c.reg : 2 * c.reg;
      const s = fastArith(fop, single, u.xf32, u.xf64, xi, y32, y64, yi, count);
      if (s !== Fast.Refused) {
        if (s === Fast.Inexact) fastInexact(u);
        if (single) for (let k = 0; k < count; k++) u.xf32[xi + k] = FAST_OUT32[k];
        else for (let k = 0; k < count; k++) u.xf64[xi + k] = FAST_OUT64[k];
        return;
      }
    }
    srcX(u, c, size, true);
    begin(u);
    const d = 4 * c.reg;
    R.set(u.xmm.subarray(16 * c.reg, 16 * c.reg + 16));
    for (let k = 0; k < count; k++) {
      const bk = lane(f, u.ti32, 0, k);
      put(f, k, unary ? op(f, bk, bk, c.imm) : op(f, lane(f, u.xi32, d, k), bk, c.imm));
    }
    finishSse(u);
    u.xmm.set(R, 16 * c.reg);
  };
}

/** min/max: with neither operand NaN nor denormal no flag is raised and the result is one of the
 * operands (the second one when they compare equal, e.g. both zeros); otherwise the exact path. */
function minMax(f: BinaryFormat, packed: boolean, max: boolean) {
  const single = f.p === 24;
  const size = packed ? 16 : single ? 4 : 8;
  const count = packed ? (single ? 4 : 2) : 1;
  const min = single ? MIN32 : MIN64;
  const slow = floatOp(f, packed, (g, a, b) => sseMinMax(g, a, b, max, env));
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, size, true);
    const x32 = u.xf32, x64 = u.xf64, t32 = u.tf32, t64 = u.tf64;
    const xi = single ? 4 * c.reg : 2 * c.reg;
    for (let k = 0; k < count; k++) {
      const a = single ? x32[xi + k] : x64[xi + k];
      const b = single ? t32[k] : t64[k];
      const am = a < 0 ? -a : a, bm = b < 0 ? -b : b;
      if (!(am >= min || am === 0) || !(bm >= min || bm === 0)) { slow(u, c); return; }
    }
    const x = u.xi32, t = u.ti32;
    const per = single ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const a = single ? x32[xi + k] : x64[xi + k];
      const b = single ? t32[k] : t64[k];
      if (max ? a > b : a < b) continue; // keep the destination's lane
      for (let w = 0; w < per; w++) x[4 * c.reg + per * k + w] = t[per * k + w];
    }
  };
}
function four(name: string, op: Binop, unary = false, fop = 0): void {
  def(`${name}ps`, floatOp(Binary32, true, op, unary, fop));
  def(`${name}pd`, floatOp(Binary64, true, op, unary, fop));
  def(`${name}ss`, floatOp(Binary32, false, op, unary, fop));
  def(`${name}sd`, floatOp(Binary64, false, op, unary, fop));
}
four('add', (f, a, b) => sseAdd(f, a, b, env), false, FastOp.Add);
four('sub', (f, a, b) => sseSub(f, a, b, env), false, FastOp.Sub);
four('mul', (f, a, b) => sseMul(f, a, b, env), false, FastOp.Mul);
four('div', (f, a, b) => sseDiv(f, a, b, env), false, FastOp.Div);
for (const [name, max] of [['min', false], ['max', true]] as const) {
  def(`${name}ps`, minMax(Binary32, true, max));
  def(`${name}pd`, minMax(Binary64, true, max));
  def(`${name}ss`, minMax(Binary32, false, max));
  def(`${name}sd`, minMax(Binary64, false, max));
}
four('sqrt', (f, _a, b) => sseSqrt(f, b, env), true, FastOp.Sqrt);
four('cmp', (f, a, b, imm) => sseCmp(f, a, b, imm & 7, env));
four('round', (f, _a, b, imm) => sseRound(f, b, imm, env), true);
def('rcpps', floatOp(Binary32, true, (_f, _a, b) => f32(rcp14(b.lo)), true));
def('rcpss', floatOp(Binary32, false, (_f, _a, b) => f32(rcp14(b.lo)), true));
def('rsqrtps', floatOp(Binary32, true, (_f, _a, b) => f32(rsqrt14(b.lo)), true));
def('rsqrtss', floatOp(Binary32, false, (_f, _a, b) => f32(rsqrt14(b.lo)), true));

/** addsubps/pd: even lanes subtract, odd lanes add. */
function addsub(f: BinaryFormat) {
  const count = f.p === 24 ? 4 : 2;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, 16, true);
    begin(u);
    for (let k = 0; k < count; k++) {
      const x = lane(f, u.xi32, 4 * c.reg, k);
      const y = lane(f, u.ti32, 0, k);
      put(f, k, k & 1 ? sseAdd(f, x, y, env) : sseSub(f, x, y, env));
    }
    finishSse(u);
    u.xmm.set(R, 16 * c.reg);
  };
}
def('addsubps', addsub(Binary32));
def('addsubpd', addsub(Binary64));
/** haddps/hsubps/haddpd/hsubpd: pairs of the destination, then pairs of the source. */
function horizontal(f: BinaryFormat, sub: boolean) {
  const half = f.p === 24 ? 2 : 1;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, 16, true);
    begin(u);
    for (let k = 0; k < 2 * half; k++) {
      const fromSrc = k >= half;
      const x = fromSrc ? u.ti32 : u.xi32;
      const base = fromSrc ? 0 : 4 * c.reg;
      const j = 2 * (k % half);
      const p = lane(f, x, base, j);
      const q = lane(f, x, base, j + 1);
      put(f, k, sub ? sseSub(f, p, q, env) : sseAdd(f, p, q, env));
    }
    finishSse(u);
    u.xmm.set(R, 16 * c.reg);
  };
}
def('haddps', horizontal(Binary32, false));
def('hsubps', horizontal(Binary32, true));
def('haddpd', horizontal(Binary64, false));
def('hsubpd', horizontal(Binary64, true));

def('dpps', (u, c) => {
  srcX(u, c, 16, true);
  begin(u);
  const i = 4 * c.reg;
  const x = [0, 1, 2, 3].map((k) => u.xi32[i + k] >>> 0);
  const y = [0, 1, 2, 3].map((k) => u.ti32[k] >>> 0);
  const r = dpps(x, y, c.imm & 0xff, env);
  for (let k = 0; k < 4; k++) R32[k] = r[k]!;
  finishSse(u);
  u.xmm.set(R, 16 * c.reg);
});
def('dppd', (u, c) => {
  srcX(u, c, 16, true);
  begin(u);
  const i = 4 * c.reg;
  const r = dppd([f64(u.xi32, i), f64(u.xi32, i + 2)], [f64(u.ti32, 0), f64(u.ti32, 2)], c.imm & 0xff, env);
  R.fill(0);
  put(Binary64, 0, r[0]!);
  put(Binary64, 1, r[1]!);
  finishSse(u);
  u.xmm.set(R, 16 * c.reg);
});

/** comiss/ucomiss/comisd/ucomisd: ZF PF CF from the ordering, OF SF AF cleared. */
function comi(f: BinaryFormat, signaling: boolean) {
  const single = f.p === 24;
  const min = single ? MIN32 : MIN64;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, single ? 4 : 8, false);
    // neither operand NaN nor denormal: ordered, no flag raised (ZF PF CF = 000 >, 001 <, 100 =)
    const a = single ? u.xf32[4 * c.reg] : u.xf64[2 * c.reg];
    const b = single ? u.tf32[0] : u.tf64[0];
    const am = a < 0 ? -a : a, bm = b < 0 ? -b : b;
    if ((am >= min || am === 0) && (bm >= min || bm === 0)) {
      c.host.setFlags(a < b ? 0x01 : a === b ? 0x40 : 0);
      return;
    }
    begin(u);
    const flags = sseComi(f, lane(f, u.xi32, 4 * c.reg, 0), lane(f, u.ti32, 0, 0), signaling, env);
    finishSse(u);
    c.host.setFlags(flags);
  };
}
def('comiss', comi(Binary32, true));
def('ucomiss', comi(Binary32, false));
def('comisd', comi(Binary64, true));
def('ucomisd', comi(Binary64, false));

// Conversions.
const CVT32 = new Float32Array(2);
const CVT64 = new Float64Array(2);
function cvtFloat(from: BinaryFormat, to: BinaryFormat, count: number, srcBytes: number, zeroRest: boolean) {
  const narrow = to === Binary32;
  const min = narrow ? MIN64 : MIN32;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, srcBytes, srcBytes === 16);
    // Fast path under round-to-nearest: zero or normal finite lanes; widening is exact, narrowing
    // (Math.fround) must land strictly above the smallest binary32 normal and stay finite.
    if ((u.mxcsr & 0x6000) === 0) {
      let ok = true, inexact = false;
      for (let k = 0; k < count && ok; k++) {
        const v = narrow ? u.tf64[k] : u.tf32[k];
        const m = v < 0 ? -v : v;
        if (v !== 0 && !(m >= min && m !== Infinity)) ok = false;
        else if (narrow) {
          const f = Math.fround(v);
          const fm = f < 0 ? -f : f;
          if (v !== 0 && !(fm > MIN32 && fm !== Infinity)) ok = false;
          if (f !== v) inexact = true;
          CVT32[k] = f;
        } else CVT64[k] = v;
      }
      if (ok) {
        if (inexact) fastInexact(u);
        const i = 4 * c.reg;
        if (zeroRest) { u.xi32[i] = 0; u.xi32[i + 1] = 0; u.xi32[i + 2] = 0; u.xi32[i + 3] = 0; }
        for (let k = 0; k < count; k++) {
          if (narrow) u.xf32[i + k] = CVT32[k];
          else u.xf64[i / 2 + k] = CVT64[k];
        }
        return;
      }
    }
    begin(u);
    if (zeroRest) R.fill(0);
    else R.set(u.xmm.subarray(16 * c.reg, 16 * c.reg + 16));
    for (let k = 0; k < count; k++) put(to, k, sseConvertFloat(from, to, lane(from, u.ti32, 0, k), env));
    finishSse(u);
    u.xmm.set(R, 16 * c.reg);
  };
}
def('cvtps2pd', cvtFloat(Binary32, Binary64, 2, 8, true));
def('cvtpd2ps', cvtFloat(Binary64, Binary32, 2, 16, true));
def('cvtss2sd', cvtFloat(Binary32, Binary64, 1, 4, false));
def('cvtsd2ss', cvtFloat(Binary64, Binary32, 1, 8, false));

/** int32 lanes -> floats. */
function fromInt32(to: BinaryFormat, count: number, srcBytes: number, zeroRest: boolean, mmx: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    if (mmx) {
      if (c.ea < 0) u.enterMmx();
      srcM(u, c);
    } else srcX(u, c, srcBytes, srcBytes === 16);
    begin(u);
    if (zeroRest) R.fill(0);
    else R.set(u.xmm.subarray(16 * c.reg, 16 * c.reg + 16));
    for (let k = 0; k < count; k++) {
      const v = u.ti32[k];
      put(to, k, sseFromInt(to, v < 0 ? -1 : 0, v, env));
    }
    finishSse(u);
    u.xmm.set(R, 16 * c.reg);
  };
}
def('cvtdq2ps', fromInt32(Binary32, 4, 16, true, false));
def('cvtdq2pd', fromInt32(Binary64, 2, 8, true, false));
def('cvtpi2ps', fromInt32(Binary32, 2, 8, false, true));
def('cvtpi2pd', fromInt32(Binary64, 2, 8, true, true));

/** floats -> int32 lanes, into an XMM (upper lanes zeroed) or an MMX register. */
function toInt32(from: BinaryFormat, count: number, srcBytes: number, truncate: boolean, mmx: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, srcBytes, srcBytes === 16);
    begin(u);
    R.fill(0);
    for (let k = 0; k < count; k++) R32[k] = sseToInt(from, lane(from, u.ti32, 0, k), 32, truncate, env).lo;
    finishSse(u);
    if (mmx) {
      u.enterMmx();
      u.mant.set(R.subarray(0, 8), 8 * (c.reg & 7));
      touchMmx(u, c.reg);
    } else u.xmm.set(R, 16 * c.reg);
  };
}
def('cvtps2dq', toInt32(Binary32, 4, 16, false, false));
def('cvttps2dq', toInt32(Binary32, 4, 16, true, false));
def('cvtpd2dq', toInt32(Binary64, 2, 16, false, false));
def('cvttpd2dq', toInt32(Binary64, 2, 16, true, false));
def('cvtps2pi', toInt32(Binary32, 2, 8, false, true));
def('cvttps2pi', toInt32(Binary32, 2, 8, true, true));
def('cvtpd2pi', toInt32(Binary64, 2, 16, false, true));
def('cvttpd2pi', toInt32(Binary64, 2, 16, true, true));

/** cvtsi2ss/sd: a 32- or 64-bit integer (REX.W) into the low lane. */
function fromGpr(to: BinaryFormat) {
  const single = to === Binary32;
  return (u: SimdUnit, c: Exec): void => {
    const bits = c.opSize === 64 ? 64 : 32;
    const lo = srcE(c, bits);
    const hi = bits === 64 ? HI[0] : lo < 0 ? -1 : 0;
    // Fast path under round-to-nearest: hi * 2^32 is exact and the sum rounds once (TwoSum tells
    // whether it was exact); binary32 only below 2^53, where the double is the exact integer.
    if ((u.mxcsr & 0x6000) === 0 && (!single || (hi >= -0x200000 && hi < 0x200000))) {
      const a = hi * 4294967296, b = lo >>> 0;
      const r = a + b;
      const bv = r - a;
      let exact = (a - (r - bv)) + (b - bv) === 0;
      const i = 4 * c.reg;
      if (single) {
        const f = Math.fround(r);
        if (f !== r) exact = false;
        if (!exact) fastInexact(u);
        u.xf32[i] = f;
      } else {
        if (!exact) fastInexact(u);
        u.xf64[i / 2] = r;
      }
      return;
    }
    begin(u);
    const r = sseFromInt(to, hi, lo, env);
    finishSse(u);
    const i = 4 * c.reg;
    u.xi32[i] = r.lo;
    if (to === Binary64) u.xi32[i + 1] = r.hi;
  };
}
def('cvtsi2ss', fromGpr(Binary32));
def('cvtsi2sd', fromGpr(Binary64));
/** cvt(t)ss2si / cvt(t)sd2si into a 32- or 64-bit GPR. */
function toGpr(from: BinaryFormat, truncate: boolean) {
  const single = from.p === 24;
  const min = single ? MIN32 : MIN64;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, single ? 4 : 8, false);
    const bits = c.opSize === 64 ? 64 : 32;
    // Fast path: a zero or normal finite value whose rounded integer fits (truncation, or ties to
    // even under round-to-nearest); only PE can be raised. Otherwise the exact path.
    if (truncate || (u.mxcsr & 0x6000) === 0) {
      const v = single ? u.tf32[0] : u.tf64[0];
      const m = v < 0 ? -v : v;
      if (m >= min || v === 0) {
        let r = Math.trunc(v);
        if (!truncate) {
          r = Math.round(v); // halves go up: move ties to the even neighbour
          if (r - v === 0.5 && r % 2 !== 0) r -= 1;
        }
        const limit = bits === 64 ? 9223372036854775808 : 2147483648;
        if (r >= -limit && r < limit) {
          if (r !== v) fastInexact(u);
          if (bits === 64) {
            const h = Math.floor(r / 4294967296);
            setGpr64(c, c.reg, (r - h * 4294967296) | 0, h | 0);
          } else setGpr32(c, c.reg, r | 0);
          return;
        }
      }
    }
    begin(u);
    const r = sseToInt(from, lane(from, u.ti32, 0, 0), bits, truncate, env);
    finishSse(u);
    if (bits === 64) setGpr64(c, c.reg, r.lo, r.hi);
    else setGpr32(c, c.reg, r.lo);
  };
}
def('cvtss2si', toGpr(Binary32, false));
def('cvttss2si', toGpr(Binary32, true));
def('cvtsd2si', toGpr(Binary64, false));
def('cvttsd2si', toGpr(Binary64, true));

