// The x87 register stack: ST(i) access relative to TOP, push/pop, stack faults (masked response:
// the QNaN real indefinite, IE|SF set, C1 = 1 on overflow and 0 on underflow), and the end-of-
// instruction bookkeeping (sticky flags, C1, ES/B for unmasked exceptions, #MF when one is pending).
import { INDEFINITE, f80, type F80, type X87Env } from '../fpu/float80/index.ts';
import { SimdFaultKind, simdFault } from './fault.ts';
import { Fsw, type SimdUnit } from './state.ts';

export const xenv: X87Env = { rc: 0, pc: 3, flags: 0, c1: 0 };

/** Starts an x87 operation: pending unmasked exception -> #MF (waiting forms), env from FCW. */
export function beginX87(u: SimdUnit, waiting = true): void {
  if (waiting && (u.fsw & Fsw.ES) !== 0) simdFault(SimdFaultKind.X87FloatingPoint);
  xenv.rc = (u.fcw >> 10) & 3;
  xenv.pc = (u.fcw >> 8) & 3;
  xenv.flags = 0;
  xenv.c1 = 0;
}

/** Ends an operation: sticky flags, C1 from the env (or kept: the host leaves C1 alone in fcomi and
 * fcmov unless a stack fault occurs), ES|B when a raised exception is unmasked. */
export function endX87(u: SimdUnit, keepC1 = false): void {
  const f = xenv.flags & 0x7f;
  const c1 = keepC1 && (f & Fsw.SF) === 0 ? u.fsw & Fsw.C1 : xenv.c1 ? Fsw.C1 : 0;
  u.fsw = (u.fsw & ~Fsw.C1) | f | c1;
  if ((f & 0x3f & ~u.fcw) !== 0) u.fsw |= Fsw.ES | Fsw.B;
}

export function phys(u: SimdUnit, i: number): number {
  return (u.top + i) & 7;
}
export function isEmpty(u: SimdUnit, i: number): boolean {
  return u.empty[(u.top + i) & 7] !== 0;
}
export function readPhys(u: SimdUnit, p: number): F80 {
  return f80(u.signExp[p] >>> 15, u.signExp[p] & 0x7fff, u.mi32[2 * p + 1], u.mi32[2 * p]);
}
export function writePhys(u: SimdUnit, p: number, v: F80): void {
  u.signExp[p] = (v.sign << 15) | v.exp;
  u.mi32[2 * p] = v.lo;
  u.mi32[2 * p + 1] = v.hi;
  u.empty[p] = 0;
}
/** ST(i) value without any check (empty registers read as whatever they hold). */
export function peek(u: SimdUnit, i: number): F80 {
  return readPhys(u, (u.top + i) & 7);
}

/** Stack underflow: IE|SF, C1 = 0; the masked result is the indefinite. */
export function underflow(): F80 {
  xenv.flags |= Fsw.IE | Fsw.SF;
  xenv.c1 = 0;
  return INDEFINITE;
}

/** ST(i), or the indefinite after a stack underflow when it is empty. */
export function st(u: SimdUnit, i: number): F80 {
  return isEmpty(u, i) ? underflow() : peek(u, i);
}

export function setSt(u: SimdUnit, i: number, v: F80): void {
  writePhys(u, (u.top + i) & 7, v);
}

/** Whether the masked response may be written (IE masked, or no invalid exception raised). */
export function maskedOk(u: SimdUnit): boolean {
  return (xenv.flags & Fsw.IE) === 0 || (u.fcw & Fsw.IE) !== 0;
}

/** Pushes v; a full stack is an overflow (IE|SF, C1 = 1) and pushes the indefinite instead. */
export function push(u: SimdUnit, v: F80): void {
  const t = (u.top - 1) & 7;
  if (u.empty[t] === 0) {
    // An underflow of the same instruction (fld of an empty st(i)) keeps C1 = 0, as the host does.
    if ((xenv.flags & Fsw.SF) === 0) xenv.c1 = 1;
    xenv.flags |= Fsw.IE | Fsw.SF;
    if ((u.fcw & Fsw.IE) === 0) return; // unmasked: nothing changes
    v = INDEFINITE;
  }
  u.top = t;
  writePhys(u, t, v);
}

export function pop(u: SimdUnit): void {
  u.empty[u.top] = 1;
  u.top = (u.top + 1) & 7;
}

/** The 2-bit tag of a physical register: 0 valid, 1 zero, 2 special, 3 empty. */
export function tagOf(u: SimdUnit, p: number): number {
  if (u.empty[p]) return 3;
  const exp = u.signExp[p] & 0x7fff;
  const hi = u.mi32[2 * p + 1];
  const lo = u.mi32[2 * p];
  if (exp === 0) return hi === 0 && lo === 0 ? 1 : 2;
  if (exp === 0x7fff || (hi & 0x80000000) === 0) return 2;
  return 0;
}

export function tagWord(u: SimdUnit): number {
  let t = 0;
  for (let p = 0; p < 8; p++) t |= tagOf(u, p) << (2 * p);
  return t;
}
