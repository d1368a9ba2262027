// x87 instruction semantics on the register stack, through the exact float80 operations of
// src/fpu/float80 (loads, stores, arithmetic, compares, constants, control, transcendentals).
import {
  Cond, F80Class, INDEFINITE, classify, Ordering, f80, f80Add, f80Compare, f80Div, f80Examine, f80Extract, f80FromBcd,
  f80FromInt64, f80Load, f80Mul, f80Remainder, f80RoundInt, f80Scale, f80Sqrt, f80Store, f80Sub, f80ToBcd,
  f80ToInt, integerIndefinite, orderingToCond, widenToF80, ZERO, type F80,
} from '../fpu/float80/index.ts';
import { f80Trig } from '../fpu/float80/transcendental/trig.ts';
import { f80Atan2, f80Exp2m1, f80Yl2x, f80Yl2xp1 } from '../fpu/float80/transcendental/log-exp.ts';
import { Binary32, Binary64 } from '../fpu/binary.ts';
import { formAt, OperandKind } from '../decoder/index.ts';
import { def, FORM_MSIZE } from './registry.ts';
import type { Exec } from './interface.ts';
import { Fsw, type SimdUnit } from './state.ts';
import {
  beginX87, endX87, isEmpty, maskedOk, peek, pop, push, setSt, st, underflow, xenv,
} from './x87-stack.ts';

// ---- memory operands ----

function readF80(c: Exec): F80 {
  const m = c.host.mem;
  m.check(c.ea, 10, 1);
  const lo = m.read64(c.ea);
  const hi = m.hi;
  const se = m.read16(c.ea + 8);
  return f80(se >>> 15, se & 0x7fff, hi, lo);
}
function writeF80(c: Exec, v: F80): void {
  const m = c.host.mem;
  m.check(c.ea, 10, 2);
  m.write64(c.ea, v.lo, v.hi);
  m.write16(c.ea + 8, (v.sign << 15) | v.exp);
}

/** The memory operand of an arithmetic/compare form as F80: float32/64 or int16/32 (fi* forms). */
function memOperand(c: Exec, integer: boolean): F80 {
  const size = FORM_MSIZE[c.form];
  const m = c.host.mem;
  if (integer) {
    const v = size === 2 ? (m.read16(c.ea) << 16) >> 16 : m.read32(c.ea);
    return f80FromInt64(v < 0 ? -1 : 0, v, xenv);
  }
  let v: F80;
  let denormal: boolean;
  if (size === 4) {
    const x = m.read32(c.ea);
    denormal = (x & 0x7f800000) === 0 && (x & 0x7fffff) !== 0;
    v = widenToF80(Binary32, 0, x >>> 0);
  } else {
    const lo = m.read64(c.ea);
    const hi = m.hi;
    denormal = (hi & 0x7ff00000) === 0 && ((hi & 0xfffff) | lo) !== 0;
    v = widenToF80(Binary64, hi >>> 0, lo >>> 0);
  }
  memDenormal = denormal;
  return v;
}

/** The last float memory operand was a binary32/64 denormal (exact in F80, but still a DE source). */
let memDenormal = false;
/** Raises DE for a denormal memory operand unless ST(0) is empty, a NaN or unsupported (IE/NaN rules win). */
function memDE(u: SimdUnit): void {
  if (!memDenormal || isEmpty(u, 0)) return;
  const k = classify(peek(u, 0));
  if (k === F80Class.QNaN || k === F80Class.SNaN || k === F80Class.Unsupported) return;
  xenv.flags |= Fsw.DE;
}

/** Which operand kinds a form has: dst ST(i) (DC/DE reg forms) or ST(0). */
const destIsStI = (form: number): boolean => formAt(form).operands[0]?.kind === OperandKind.StI &&
  formAt(form).operands.length === 2;

// ---- arithmetic ----

type Arith = (a: F80, b: F80) => F80;
const ARITH: Record<string, Arith> = {
  add: (a, b) => f80Add(a, b, xenv),
  mul: (a, b) => f80Mul(a, b, xenv),
  sub: (a, b) => f80Sub(a, b, xenv),
  subr: (a, b) => f80Sub(b, a, xenv),
  div: (a, b) => f80Div(a, b, xenv),
  divr: (a, b) => f80Div(b, a, xenv),
};

for (const [name, op] of Object.entries(ARITH)) {
  const arith = (pops: boolean) => (u: SimdUnit, c: Exec): void => {
    beginX87(u);
    let di = 0;
    let r: F80;
    if (c.ea >= 0) {
      const b = memOperand(c, false);
      // a zero divisor decides fdivr's result (ZE): the denormal dividend raises no DE, as on the host
      if (name !== 'divr' || isEmpty(u, 0) || classify(peek(u, 0)) !== F80Class.Zero) memDE(u);
      r = isEmpty(u, 0) ? underflow() : op(peek(u, 0), b);
    } else {
      const i = c.rm & 7;
      const toStI = destIsStI(c.form);
      di = toStI ? i : 0;
      const si = toStI ? 0 : i;
      r = isEmpty(u, di) || isEmpty(u, si) ? underflow() : op(peek(u, di), peek(u, si));
    }
    if (maskedOk(u)) setSt(u, di, r);
    endX87(u);
    if (pops) pop(u);
  };
  def(`f${name}`, arith(false));
  def(`f${name}p`, arith(true));
  def(`fi${name}`, (u, c) => {
    beginX87(u);
    const b = memOperand(c, true);
    const r = isEmpty(u, 0) ? underflow() : op(peek(u, 0), b);
    if (maskedOk(u)) setSt(u, 0, r);
    endX87(u);
  });
}

// ---- compares ----

const COND_MASK = Cond.C0 | Cond.C1 | Cond.C2 | Cond.C3;
function setCond(u: SimdUnit, cond: number): void {
  u.fsw = (u.fsw & ~COND_MASK) | cond;
}
/** Compares ST(0) with `b` (or records an underflow); returns the ordering. */
function compare(u: SimdUnit, b: F80 | null, signaling: boolean, bEmpty: boolean): number {
  if (isEmpty(u, 0) || bEmpty) {
    underflow();
    return Ordering.Unordered;
  }
  return f80Compare(peek(u, 0), b ?? ZERO, signaling, xenv);
}
function fcom(pops: number, signaling: boolean, integer = false) {
  return (u: SimdUnit, c: Exec): void => {
    beginX87(u);
    let o: number;
    if (c.ea >= 0) {
      memDenormal = false;
      const b = memOperand(c, integer);
      memDE(u);
      o = compare(u, b, signaling, false);
    }
    else {
      const i = formAt(c.form).operands.length === 0 ? 1 : c.rm & 7;
      o = compare(u, peek(u, i), signaling, isEmpty(u, i));
    }
    endX87(u);
    setCond(u, orderingToCond(o));
    for (let k = 0; k < pops; k++) pop(u);
  };
}
def('fcom', fcom(0, true));
def('fcomp', fcom(1, true));
def('fcompp', fcom(2, true));
def('fucom', fcom(0, false));
def('fucomp', fcom(1, false));
def('fucompp', fcom(2, false));
def('ficom', fcom(0, true, true));
def('ficomp', fcom(1, true, true));
def('ftst', (u) => {
  beginX87(u);
  const o = compare(u, ZERO, true, false);
  endX87(u);
  setCond(u, orderingToCond(o));
});
function fcomi(pops: boolean, signaling: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    beginX87(u);
    const i = c.rm & 7;
    const o = compare(u, peek(u, i), signaling, isEmpty(u, i));
    endX87(u, true);
    c.host.setFlags(o === Ordering.Greater ? 0 : o === Ordering.Less ? 0x01 : o === Ordering.Equal ? 0x40 : 0x45);
    if (pops) pop(u);
  };
}
def('fcomi', fcomi(false, true));
def('fcomip', fcomi(true, true));
def('fucomi', fcomi(false, false));
def('fucomip', fcomi(true, false));
def('fxam', (u) => {
  beginX87(u);
  const v = peek(u, 0);
  const cond = isEmpty(u, 0) ? Cond.C3 | Cond.C0 | (v.sign ? Cond.C1 : 0) : f80Examine(v);
  u.fsw = (u.fsw & ~COND_MASK) | cond;
});

// ---- loads and stores ----

def('fld', (u, c) => {
  beginX87(u);
  let v: F80;
  if (c.ea < 0) v = st(u, c.rm & 7);
  else {
    const size = FORM_MSIZE[c.form];
    const m = c.host.mem;
    if (size === 10) v = readF80(c);
    else {
      // A full stack: the overflow is the only exception (no DE/IE from the source), as on the host.
      const full = !isEmpty(u, 7);
      const keep = xenv.flags;
      if (size === 4) v = f80Load(Binary32, 0, m.read32(c.ea) >>> 0, xenv);
      else {
        const lo = m.read64(c.ea);
        v = f80Load(Binary64, m.hi >>> 0, lo >>> 0, xenv);
      }
      if (full) xenv.flags = keep;
    }
  }
  push(u, v);
  endX87(u);
});
def('fild', (u, c) => {
  beginX87(u);
  const size = FORM_MSIZE[c.form];
  const m = c.host.mem;
  let v: F80;
  if (size === 8) {
    const lo = m.read64(c.ea);
    v = f80FromInt64(m.hi, lo, xenv);
  } else {
    const x = size === 2 ? (m.read16(c.ea) << 16) >> 16 : m.read32(c.ea);
    v = f80FromInt64(x < 0 ? -1 : 0, x, xenv);
  }
  push(u, v);
  endX87(u);
});
function fst(pops: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    beginX87(u);
    const v = st(u, 0);
    if (c.ea < 0) {
      if (maskedOk(u)) setSt(u, c.rm & 7, v);
    } else {
      const size = FORM_MSIZE[c.form];
      const m = c.host.mem;
      if (size === 10) {
        if (maskedOk(u)) writeF80(c, v);
      } else {
        const stackFault = (xenv.flags & Fsw.SF) !== 0;
        const b = f80Store(size === 4 ? Binary32 : Binary64, v, xenv);
        if (stackFault) xenv.c1 = 0;
        if (maskedOk(u)) {
          if (size === 4) m.write32(c.ea, b.lo);
          else m.write64(c.ea, b.lo, b.hi);
        }
      }
    }
    endX87(u);
    if (pops && maskedOk(u)) pop(u);
  };
}
def('fst', fst(false));
def('fstp', fst(true));
function fist(pops: boolean, truncate: boolean) {
  return (u: SimdUnit, c: Exec): void => {
    beginX87(u);
    const size = FORM_MSIZE[c.form];
    const bits = 8 * size;
    const r = isEmpty(u, 0) ? (underflow(), integerIndefinite(bits)) : f80ToInt(peek(u, 0), bits, truncate, xenv);
    if (maskedOk(u)) {
      const m = c.host.mem;
      if (size === 2) m.write16(c.ea, r.lo & 0xffff);
      else if (size === 4) m.write32(c.ea, r.lo);
      else m.write64(c.ea, r.lo, r.hi);
    }
    endX87(u);
    if (pops && maskedOk(u)) pop(u);
  };
}
def('fist', fist(false, false));
def('fistp', fist(true, false));
def('fisttp', fist(true, true));
def('fbld', (u, c) => {
  beginX87(u);
  c.host.mem.check(c.ea, 10, 1);
  const bytes: number[] = [];
  for (let k = 0; k < 10; k++) bytes.push(c.host.mem.read8(c.ea + k));
  push(u, f80FromBcd(bytes, xenv));
  endX87(u);
});
def('fbstp', (u, c) => {
  beginX87(u);
  const bytes = isEmpty(u, 0) ? (underflow(), f80ToBcd(INDEFINITE, xenv)) : f80ToBcd(peek(u, 0), xenv);
  if (isEmpty(u, 0)) xenv.c1 = 0;
  if (maskedOk(u)) {
    c.host.mem.check(c.ea, 10, 2);
    for (let k = 0; k < 10; k++) c.host.mem.write8(c.ea + k, bytes[k]!);
  }
  endX87(u);
  if (maskedOk(u)) pop(u);
});

// ---- register operations ----

def('fxch', (u, c) => {
  beginX87(u);
  const i = c.rm & 7;
  const a = st(u, 0);
  const b = st(u, i);
  if (maskedOk(u)) {
    setSt(u, 0, b);
    setSt(u, i, a);
  }
  endX87(u);
});
function unary(op: (v: F80) => F80) {
  return (u: SimdUnit): void => {
    beginX87(u);
    const r = isEmpty(u, 0) ? underflow() : op(peek(u, 0));
    if (maskedOk(u)) setSt(u, 0, r);
    endX87(u);
  };
}
def('fchs', unary((v) => f80(v.sign ^ 1, v.exp, v.hi, v.lo)));
def('fabs', unary((v) => f80(0, v.exp, v.hi, v.lo)));
def('fsqrt', unary((v) => f80Sqrt(v, xenv)));
def('frndint', unary((v) => f80RoundInt(v, xenv)));
def('f2xm1', unary((v) => f80Exp2m1(v, xenv)));
function binaryPop(op: (st0: F80, st1: F80) => F80) {
  return (u: SimdUnit): void => {
    beginX87(u);
    const r = isEmpty(u, 0) || isEmpty(u, 1) ? underflow() : op(peek(u, 0), peek(u, 1));
    if (maskedOk(u)) {
      setSt(u, 1, r);
      pop(u);
    }
    endX87(u);
  };
}
def('fyl2x', binaryPop((x, y) => f80Yl2x(x, y, xenv)));
def('fyl2xp1', binaryPop((x, y) => f80Yl2xp1(x, y, xenv)));
def('fpatan', binaryPop((x, y) => f80Atan2(x, y, xenv)));
def('fscale', (u) => {
  beginX87(u);
  const r = isEmpty(u, 0) || isEmpty(u, 1) ? underflow() : f80Scale(peek(u, 0), peek(u, 1), xenv);
  if (maskedOk(u)) setSt(u, 0, r);
  endX87(u);
});
def('fxtract', (u) => {
  beginX87(u);
  if (isEmpty(u, 0)) {
    const v = underflow();
    if (maskedOk(u)) {
      setSt(u, 0, v);
      push(u, v);
    }
  } else if (!isEmpty(u, 7)) {
    // No room for the significand: overflow, both results are the indefinite.
    xenv.flags |= Fsw.IE | Fsw.SF;
    xenv.c1 = 1;
    if (maskedOk(u)) {
      setSt(u, 0, INDEFINITE);
      push(u, INDEFINITE);
    }
  } else {
    const r = f80Extract(peek(u, 0), xenv);
    if (maskedOk(u)) {
      setSt(u, 0, r.exponent);
      push(u, r.significand);
    }
  }
  endX87(u);
});
function remainder(ieee: boolean) {
  return (u: SimdUnit): void => {
    beginX87(u);
    if (isEmpty(u, 0) || isEmpty(u, 1)) {
      const v = underflow();
      if (maskedOk(u)) setSt(u, 0, v);
      endX87(u);
      u.fsw &= ~(Cond.C1 | Cond.C2);
      return;
    }
    const r = f80Remainder(peek(u, 0), peek(u, 1), ieee, xenv);
    if (maskedOk(u)) setSt(u, 0, r.value);
    endX87(u);
    // A NaN result (invalid or NaN operand) has no quotient: the host then keeps C0 and C3.
    const nan = r.value.exp === 0x7fff && (r.value.hi & 0x7fffffff) !== 0;
    if (nan) u.fsw &= ~(Cond.C1 | Cond.C2);
    else setCond(u, r.cond);
  };
}
def('fprem', remainder(false));
def('fprem1', remainder(true));
function trig(kind: 'sin' | 'cos' | 'sincos' | 'tan') {
  return (u: SimdUnit): void => {
    beginX87(u);
    const two = kind === 'sincos' || kind === 'tan';
    if (isEmpty(u, 0)) {
      const v = underflow();
      if (maskedOk(u)) {
        setSt(u, 0, v);
        if (two) push(u, v);
      }
      endX87(u);
      u.fsw &= ~Cond.C2;
      return;
    }
    if (two && !isEmpty(u, 7)) {
      // No room for the second result: stack overflow, nothing else happens.
      xenv.flags |= Fsw.IE | Fsw.SF;
      xenv.c1 = 1;
      if (maskedOk(u)) {
        setSt(u, 0, INDEFINITE);
        push(u, INDEFINITE);
      }
      endX87(u);
      u.fsw &= ~Cond.C2;
      return;
    }
    const r = f80Trig(kind, peek(u, 0), xenv);
    if (r.c2) {
      endX87(u);
      u.fsw |= Cond.C2;
      return;
    }
    if (maskedOk(u)) {
      setSt(u, 0, r.value);
      if (two && r.second) push(u, r.second);
    }
    endX87(u);
    u.fsw &= ~Cond.C2;
  };
}
def('fsin', trig('sin'));
def('fcos', trig('cos'));
def('fsincos', trig('sincos'));
def('fptan', trig('tan'));

// fcmovcc: ST(0) = ST(i) when the EFLAGS condition holds.
const CMOV: Record<string, (f: number) => boolean> = {
  fcmovb: (f) => (f & 1) !== 0, fcmove: (f) => (f & 0x40) !== 0, fcmovbe: (f) => (f & 0x41) !== 0,
  fcmovu: (f) => (f & 4) !== 0, fcmovnb: (f) => (f & 1) === 0, fcmovne: (f) => (f & 0x40) === 0,
  fcmovnbe: (f) => (f & 0x41) === 0, fcmovnu: (f) => (f & 4) === 0,
};
for (const [name, cond] of Object.entries(CMOV)) {
  def(name, (u, c) => {
    beginX87(u);
    const i = c.rm & 7;
    if (isEmpty(u, 0) || isEmpty(u, i)) {
      const v = underflow();
      if (maskedOk(u)) setSt(u, 0, v);
    } else if (cond(c.host.getFlags())) setSt(u, 0, peek(u, i));
    endX87(u, true);
  });
}

// ---- constants ----

/** The 66-bit-accurate constants rounded per RC: [exp, hi, lo, lo when rounding down/toward zero, lo when up]. */
const CONSTANTS: Record<string, readonly [number, number, number, number, number]> = {
  fld1: [0x3fff, 0x80000000, 0, 0, 0],
  fldz: [0, 0, 0, 0, 0],
  fldl2t: [0x4000, 0xd49a784b, 0xcd1b8afe, 0xcd1b8afe, 0xcd1b8aff],
  fldl2e: [0x3fff, 0xb8aa3b29, 0x5c17f0bc, 0x5c17f0bb, 0x5c17f0bc],
  fldpi: [0x4000, 0xc90fdaa2, 0x2168c235, 0x2168c234, 0x2168c235],
  fldlg2: [0x3ffd, 0x9a209a84, 0xfbcff799, 0xfbcff798, 0xfbcff799],
  fldln2: [0x3ffe, 0xb17217f7, 0xd1cf79ac, 0xd1cf79ab, 0xd1cf79ac],
};
for (const [name, [exp, hi, lo, down, up]] of Object.entries(CONSTANTS)) {
  def(name, (u) => {
    beginX87(u);
    const rc = xenv.rc;
    push(u, f80(0, exp, hi, rc === 0 ? lo : rc === 2 ? up : down));
    endX87(u);
  });
}

// ---- control ----

def('fnop', (u) => beginX87(u));
def('wait', (u) => beginX87(u));
def('fldcw', (u, c) => {
  beginX87(u);
  u.fcw = (c.host.mem.read16(c.ea) & 0x1f7f) | 0x40;
  // Unmasking a pending exception sets ES at once (the #MF comes at the next waiting instruction).
  if ((u.fsw & 0x3f & ~u.fcw) !== 0) u.fsw |= Fsw.ES | Fsw.B;
  else u.fsw &= ~(Fsw.ES | Fsw.B);
});
def('fnstcw', (u, c) => c.host.mem.write16(c.ea, u.fcw));
def('fnstsw', (u, c) => {
  if (c.ea >= 0) c.host.mem.write16(c.ea, u.statusWord());
  else {
    const R = c.host.R;
    R[0] = (R[0] & ~0xffff) | u.statusWord();
  }
});
def('fnclex', (u) => {
  u.fsw &= ~(0x7f | Fsw.ES | Fsw.B);
});
def('fninit', (u) => u.resetX87());
def('ffree', (u, c) => {
  beginX87(u);
  u.empty[(u.top + (c.rm & 7)) & 7] = 1;
  u.fsw &= ~Cond.C1;
});
def('fdecstp', (u) => {
  beginX87(u);
  u.top = (u.top - 1) & 7;
  u.fsw &= ~Cond.C1;
});
def('fincstp', (u) => {
  beginX87(u);
  u.top = (u.top + 1) & 7;
  u.fsw &= ~Cond.C1;
});
