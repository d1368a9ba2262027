// Evaluates oracle protocol lines for SSE operations with src/fpu/sse, printing what the oracle prints.
import { Binary32, Binary64, type BinaryFormat, type Bits } from '../../src/fpu/binary.ts';
import * as S from '../../src/fpu/sse/index.ts';
import { h, hex64, parse64 } from './hex.ts';

type Op = (env: S.SseEnv, a: Bits, b: Bits, imm: number, args: string[]) => Bits | string;

/** Scalar ops keep the destination's upper bits: model the low lane only and merge like the hardware. */
function scalar(f: BinaryFormat, r: Bits, a: Bits): Bits {
  return f.p === 24 ? { hi: a.hi, lo: r.lo } : r;
}

function lo32(x: Bits): Bits {
  return { hi: 0, lo: x.lo };
}

const ops: Record<string, Op> = {};
for (const suffix of ['ss', 'sd']) {
  const f = suffix === 'ss' ? Binary32 : Binary64;
  const sel = (x: Bits): Bits => (f.p === 24 ? lo32(x) : x);
  ops[`add${suffix}`] = (env, a, b) => scalar(f, S.sseAdd(f, sel(a), sel(b), env), a);
  ops[`sub${suffix}`] = (env, a, b) => scalar(f, S.sseSub(f, sel(a), sel(b), env), a);
  ops[`mul${suffix}`] = (env, a, b) => scalar(f, S.sseMul(f, sel(a), sel(b), env), a);
  ops[`div${suffix}`] = (env, a, b) => scalar(f, S.sseDiv(f, sel(a), sel(b), env), a);
  ops[`sqrt${suffix}`] = (env, a, b) => scalar(f, S.sseSqrt(f, sel(b), env), a);
  ops[`min${suffix}`] = (env, a, b) => scalar(f, S.sseMinMax(f, sel(a), sel(b), false, env), a);
  ops[`max${suffix}`] = (env, a, b) => scalar(f, S.sseMinMax(f, sel(a), sel(b), true, env), a);
  ops[`cmp${suffix}`] = (env, a, b, imm) => scalar(f, S.sseCmp(f, sel(a), sel(b), imm, env), a);
  ops[`round${suffix}`] = (env, a, b, imm) => scalar(f, S.sseRound(f, sel(b), imm, env), a);
  for (const u of ['', 'u']) {
    ops[`${u}comi${suffix}`] = (env, a, b) => {
      const fl = S.sseComi(f, sel(a), sel(b), u === '', env);
      return `${fl & 0x40 ? 1 : 0}${fl & 4 ? 1 : 0}${fl & 1 ? 1 : 0}`;
    };
  }
  for (const bits of [32, 64] as const) {
    ops[`cvt${suffix}2si${bits}`] = (env, a) => S.sseToInt(f, sel(a), bits, false, env);
    ops[`cvtt${suffix}2si${bits}`] = (env, a) => S.sseToInt(f, sel(a), bits, true, env);
    ops[`cvtsi2${suffix}${bits}`] = (env, a, b) => {
      const hi = bits === 32 ? (b.lo & 0x80000000 ? 0xffffffff : 0) : b.hi;
      return scalar(f, S.sseFromInt(f, hi, b.lo, env), a);
    };
  }
}
ops.cvtss2sd = (env, _a, b) => S.sseConvertFloat(Binary32, Binary64, lo32(b), env);
ops.cvtsd2ss = (env, a, b) => scalar(Binary32, S.sseConvertFloat(Binary64, Binary32, b, env), a);

function lanes32(s: string): number[] {
  return [24, 16, 8, 0].map((i) => parseInt(s.slice(i, i + 8), 16));
}

function dot(name: string, ctl: number, args: string[]): string {
  const env = S.sseEnv(ctl);
  const imm = parseInt(args[2]!, 16);
  if (name === 'dpps') {
    const r = S.dpps(lanes32(args[0]!), lanes32(args[1]!), imm, env);
    return `${[3, 2, 1, 0].map((i) => h(r[i]!, 8)).join('')} ${h(env.mxcsr, 8)}`;
  }
  const two = (s: string): Bits[] => [parse64(s.slice(16, 32)), parse64(s.slice(0, 16))];
  const r = S.dppd(two(args[0]!), two(args[1]!), imm, env);
  return `${hex64(r[1]!.hi, r[1]!.lo)}${hex64(r[0]!.hi, r[0]!.lo)} ${h(env.mxcsr, 8)}`;
}

export function evalSse(line: string): string {
  const [name, ctlText, ...args] = line.split(' ');
  const ctl = parseInt(ctlText!, 16);
  if (name === 'dpps' || name === 'dppd') return dot(name, ctl, args);
  const f = ops[name!];
  if (!f) throw new Error(`no model for ${name}`);
  const env = S.sseEnv(ctl);
  const a = parse64(args[0]!);
  const b = parse64(args[1] ?? '0');
  const r = f(env, a, b, args[2] ? parseInt(args[2], 16) : 0, args);
  const text = typeof r === 'string' ? r : hex64(r.hi, r.lo);
  return `${text} ${h(env.mxcsr, 8)}`;
}
