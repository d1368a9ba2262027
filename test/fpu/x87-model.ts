// Evaluates oracle protocol lines for x87 operations with src/fpu, printing what the oracle prints.
import { Binary32, Binary64 } from '../../src/fpu/binary.ts';
import * as X from '../../src/fpu/float80/index.ts';
import { f80Hex, h, hex64, parse64, parseF80 } from './hex.ts';
import { f80Trig } from '../../src/fpu/float80/transcendental/trig.ts';
import { f80Atan2, f80Exp2m1, f80Yl2x, f80Yl2xp1 } from '../../src/fpu/float80/transcendental/log-exp.ts';

/** Status-word bits compared: exception flags and C0..C3 (TOP, SF and ES are stack and trap state). */
export const X87_STATUS_MASK = 0x473f;

function sw(env: X.X87Env, cond = 0): string {
  return h((env.flags | (env.c1 << 9) | cond) & X87_STATUS_MASK, 4);
}

type Op = (env: X.X87Env, args: string[]) => string;

function unary(f: (a: X.F80, env: X.X87Env) => X.F80): Op {
  return (env, [a]) => {
    const r = f(parseF80(a!), env);
    return `${f80Hex(r)} ${sw(env)}`;
  };
}

function binary(f: (a: X.F80, b: X.F80, env: X.X87Env) => X.F80): Op {
  return (env, [a, b]) => {
    const r = f(parseF80(a!), parseF80(b!), env);
    return `${f80Hex(r)} ${sw(env)}`;
  };
}

function compare(signaling: boolean): Op {
  return (env, [a, b]) => sw(env, X.orderingToCond(X.f80Compare(parseF80(a!), parseF80(b!), signaling, env)));
}

function comi(signaling: boolean): Op {
  return (env, [a, b]) => {
    const c = X.orderingToCond(X.f80Compare(parseF80(a!), parseF80(b!), signaling, env));
    const z = c & X.Cond.C3 ? 1 : 0;
    const p = c & X.Cond.C2 ? 1 : 0;
    const cf = c & X.Cond.C0 ? 1 : 0;
    return `${z}${p}${cf} ${sw(env)}`;
  };
}

function store(bits: 32 | 64): Op {
  return (env, [a]) => {
    const r = X.f80Store(bits === 32 ? Binary32 : Binary64, parseF80(a!), env);
    return `${bits === 32 ? h(r.lo, 8) : hex64(r.hi, r.lo)} ${sw(env)}`;
  };
}

function toInt(bits: 16 | 32 | 64, truncate: boolean): Op {
  return (env, [a]) => {
    const r = X.f80ToInt(parseF80(a!), bits, truncate, env);
    const text = bits === 64 ? hex64(r.hi, r.lo) : h(r.lo, bits / 4);
    return `${text} ${sw(env)}`;
  };
}

function load(bits: 32 | 64): Op {
  return (env, [a]) => {
    const v = parse64(a!);
    return `${f80Hex(X.f80Load(bits === 32 ? Binary32 : Binary64, v.hi, v.lo, env))} ${sw(env)}`;
  };
}

function fild(bits: 16 | 32 | 64): Op {
  return (env, [a]) => {
    const v = parse64(a!);
    let hi = v.hi;
    let lo = v.lo;
    if (bits === 16) {
      lo = (lo << 16) >> 16;
      hi = lo < 0 ? -1 : 0;
    } else if (bits === 32) hi = lo & 0x80000000 ? -1 : 0;
    return `${f80Hex(X.f80FromInt64(hi, lo, env))} ${sw(env)}`;
  };
}

function bytesOf(x: X.F80): number[] {
  const out: number[] = [];
  for (let i = 0; i < 4; i++) out.push((x.lo >>> (8 * i)) & 0xff);
  for (let i = 0; i < 4; i++) out.push((x.hi >>> (8 * i)) & 0xff);
  out.push(x.exp & 0xff, ((x.sign << 7) | (x.exp >> 8)) & 0xff);
  return out;
}

function fromBytes(b: number[]): string {
  const se = b[8]! | (b[9]! << 8);
  const hi = (b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24)) >>> 0;
  const lo = (b[0]! | (b[1]! << 8) | (b[2]! << 16) | (b[3]! << 24)) >>> 0;
  return h(se, 4) + h(hi, 8) + h(lo, 8);
}

function remainder(ieee: boolean): Op {
  return (env, [a, b]) => {
    const r = X.f80Remainder(parseF80(a!), parseF80(b!), ieee, env);
    env.c1 = 0;
    return `${f80Hex(r.value)} ${sw(env, r.cond)}`;
  };
}


function trig(kind: 'sin' | 'cos' | 'sincos' | 'tan'): Op {
  return (env, [a]) => {
    const r = f80Trig(kind, parseF80(a!), env);
    const cond = r.c2 ? X.Cond.C2 : 0;
    if (kind === 'sin' || kind === 'cos' || r.c2) {
      // out of range: ST0 unchanged (the oracle then stores the operand and the copy below it)
      const extra = r.c2 && (kind === 'sincos' || kind === 'tan') ? ` ${a}` : '';
      return `${f80Hex(r.value)}${extra} ${sw(env, cond)}`;
    }
    return `${f80Hex(r.second!)} ${f80Hex(r.value)} ${sw(env, cond)}`;
  };
}

export const x87Ops: Record<string, Op> = {
  f2xm1: unary(f80Exp2m1),
  fyl2x: binary(f80Yl2x),
  fyl2xp1: binary(f80Yl2xp1),
  fpatan: binary(f80Atan2),
  fsin: trig('sin'),
  fcos: trig('cos'),
  fsincos: trig('sincos'),
  fptan: trig('tan'),
  fprem: remainder(false),
  fprem1: remainder(true),
  fscale: binary(X.f80Scale),
  fxtract: (env, [a]) => {
    const r = X.f80Extract(parseF80(a!), env);
    return `${f80Hex(r.significand)} ${f80Hex(r.exponent)} ${sw(env)}`;
  },
  fadd: binary(X.f80Add),
  fsub: binary(X.f80Sub),
  fmul: binary(X.f80Mul),
  fdiv: binary(X.f80Div),
  fsqrt: unary(X.f80Sqrt),
  frndint: unary(X.f80RoundInt),
  fcom: compare(true),
  fucom: compare(false),
  fcomi: comi(true),
  fucomi: comi(false),
  ftst: (env, [a]) => sw(env, X.orderingToCond(X.f80Test(parseF80(a!), env))),
  fxam: (env, [a]) => sw(env, X.f80Examine(parseF80(a!))),
  fst32: store(32),
  fst64: store(64),
  fld32: load(32),
  fld64: load(64),
  fist16: toInt(16, false),
  fist32: toInt(32, false),
  fist64: toInt(64, false),
  fisttp16: toInt(16, true),
  fisttp32: toInt(32, true),
  fisttp64: toInt(64, true),
  fild16: fild(16),
  fild32: fild(32),
  fild64: fild(64),
  fbld: (env, [a]) => `${f80Hex(X.f80FromBcd(bytesOf(parseF80(a!)), env))} ${sw(env)}`,
  fbstp: (env, [a]) => `${fromBytes(X.f80ToBcd(parseF80(a!), env))} ${sw(env)}`,
};

export function evalX87(line: string): string {
  const [op, ctl, ...args] = line.split(' ');
  const f = x87Ops[op!];
  if (!f) throw new Error(`no model for ${op}`);
  const env = X.x87Env(parseInt(ctl!, 16));
  return f(env, args);
}

/** Oracle x87 output with the status word masked like the model's. */
export function normalizeX87(out: string): string {
  const parts = out.split(' ');
  const last = parts.length - 1;
  parts[last] = h(parseInt(parts[last]!, 16) & X87_STATUS_MASK, 4);
  return parts.join(' ');
}
