// FSIN, FCOS, FSINCOS, FPTAN. The argument is reduced modulo pi/2 using the 66-bit approximation of pi the
// x87 uses internally (so results near multiples of pi/2 match the hardware), then evaluated precisely.
import { F80Class } from '../classify.ts';
import { invalid } from '../nan.ts';
import { raiseDenormal, screen1 } from '../operands.ts';
import { f80, type F80, type X87Env } from '../types.ts';
import { div, type BF } from './bigfloat.ts';
import { roundBF, toBF } from './convert.ts';
import { sinCos } from './functions.ts';

/** pi truncated to 66 bits: value = PI66 * 2^-64. */
const PI66 = (0xc90fdaa22168c234n << 2n) | 3n;

export interface TrigResult {
  /** C2 = 1: |x| >= 2^63, operand left unchanged and no result computed. */
  outOfRange: boolean;
  sin: BF;
  cos: BF;
}

/** sin and cos of the reduced argument of a finite nonzero x with |x| < 2^63. */
function reduce(x: F80): { sin: BF; cos: BF } {
  const b = toBF(x);
  const mag = b.m < 0n ? -b.m : b.m;
  // x = mag * 2^e, pi/2 = PI66 * 2^-65; common exponent E
  const E = Math.min(b.e, -65);
  const X = mag << BigInt(b.e - E);
  const H = PI66 << BigInt(-65 - E);
  const q = (2n * X + H) / (2n * H);
  const r: BF = { m: X - q * H, e: E };
  const sc = sinCos(r);
  let s = sc.sin;
  let c = sc.cos;
  switch (Number(q & 3n)) {
    case 1:
      [s, c] = [c, { m: -s.m, e: s.e }];
      break;
    case 2:
      [s, c] = [{ m: -s.m, e: s.e }, { m: -c.m, e: c.e }];
      break;
    case 3:
      [s, c] = [{ m: -c.m, e: c.e }, s];
      break;
  }
  if (b.m < 0n) s = { m: -s.m, e: s.e };
  return { sin: s, cos: c };
}

function inRange(x: F80): boolean {
  return x.exp < 16383 + 63;
}

export interface TrigOutcome {
  /** Primary result (ST0 after FSIN/FCOS; the sine or tangent for FSINCOS/FPTAN). */
  value: F80;
  /** FSINCOS: cosine (ends up in ST0). FPTAN: 1.0. */
  second: F80 | null;
  /** C2: operand out of range, nothing changed. */
  c2: boolean;
}

const ONE80 = f80(0, 16383, 0x80000000, 0);

type Kind = 'sin' | 'cos' | 'sincos' | 'tan';

export function f80Trig(kind: Kind, x: F80, env: X87Env): TrigOutcome {
  env.c1 = 0;
  const two = kind === 'sincos' || kind === 'tan';
  const s = screen1(x, env);
  if (s.result) return { value: s.result, second: two ? s.result : null, c2: false };
  if (s.ca === F80Class.Infinity) {
    const v = invalid(env);
    return { value: v, second: two ? v : null, c2: false };
  }
  if (!inRange(x)) return { value: x, second: null, c2: true };
  raiseDenormal(env, s.denormal);
  if (s.ca === F80Class.Zero) {
    if (kind === 'cos') return { value: ONE80, second: null, c2: false };
    if (kind === 'sincos') return { value: x, second: ONE80, c2: false };
    return { value: x, second: kind === 'tan' ? ONE80 : null, c2: false };
  }
  const r = reduce(x);
  switch (kind) {
    case 'sin':
      return { value: roundBF(r.sin, env), second: null, c2: false };
    case 'cos':
      return { value: roundBF(r.cos, env), second: null, c2: false };
    case 'tan': {
      return { value: roundBF(div(r.sin, r.cos), env), second: ONE80, c2: false };
    }
    default: {
      const sv = roundBF(r.sin, env);
      const c1Sin = env.c1;
      const cv = roundBF(r.cos, env);
      if (SINCOS_C1_FROM_SINE) env.c1 = c1Sin;
      return { value: sv, second: cv, c2: false };
    }
  }
}

/** Which of FSINCOS's two roundings C1 reports. */
const SINCOS_C1_FROM_SINE = true;
