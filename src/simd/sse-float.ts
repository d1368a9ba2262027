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
import { FastOp, fastInexact, fastLane } from './fast-float.ts';

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

const RF32 = new Float32Array(R.buffer);
const RF64 = new Float64Array(R.buffer);

/** The fast path for all lanes into R (false: some lane needs the exact path; R is then garbage). */
function tryFast(u: SimdUnit, c: Exec, single: boolean, count: number, fop: number): boolean {
  if ((u.mxcsr & 0x6000) !== 0) return false;
  let inexact = false;
  for (let k = 0; k < count; k++) {
    const a = single ? u.xf32[4 * c.reg + k] : u.xf64[2 * c.reg + k];
    const b = single ? u.tf32[k] : u.tf64[k];
    const r = fastLane(fop, a, b, single);
    if (r !== r) return false;
    inexact ||= fastInexact;
    if (single) RF32[k] = r;
    else RF64[k] = r;
  }
  if (inexact) env.mxcsr |= 0x20;
  return true;
}

/** Packed (all lanes) or scalar (lane 0, the rest of the destination kept) binary operation. */
function floatOp(f: BinaryFormat, packed: boolean, op: Binop, unary = false, fop = 0) {
  const size = packed ? 16 : f.p === 24 ? 4 : 8;
  const count = packed ? (f.p === 24 ? 4 : 2) : 1;
  const single = f.p === 24;
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, size, true);
    begin(u);
    if (fop !== 0) {
      const x = u.xi32;
      const d = 4 * c.reg;
      R32[0] = x[d]; R32[1] = x[d + 1]; R32[2] = x[d + 2]; R32[3] = x[d + 3];
      if (tryFast(u, c, single, count, fop)) {
        finishSse(u);
        x[d] = R32[0]; x[d + 1] = R32[1]; x[d + 2] = R32[2]; x[d + 3] = R32[3];
        return;
      }
      env.mxcsr = u.mxcsr & ~0x3f;
    }
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
four('min', (f, a, b) => sseMinMax(f, a, b, false, env));
four('max', (f, a, b) => sseMinMax(f, a, b, true, env));
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
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, f.p === 24 ? 4 : 8, false);
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
function cvtFloat(from: BinaryFormat, to: BinaryFormat, count: number, srcBytes: number, zeroRest: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, srcBytes, srcBytes === 16);
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
  return (u: SimdUnit, c: Exec): void => {
    const bits = c.opSize === 64 ? 64 : 32;
    const lo = srcE(c, bits);
    const hi = bits === 64 ? HI[0] : lo < 0 ? -1 : 0;
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
  return (u: SimdUnit, c: Exec): void => {
    srcX(u, c, from.p === 24 ? 4 : 8, false);
    begin(u);
    const bits = c.opSize === 64 ? 64 : 32;
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

