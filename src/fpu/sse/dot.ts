// DPPS/DPPD: conditional products, summed pairwise with a rounding after every step (as Intel documents).
import { Binary32, Binary64, type Bits } from '../binary.ts';
import { sseAdd, sseMul } from './arith.ts';
import type { SseEnv } from './mxcsr.ts';

const ZERO: Bits = { hi: 0, lo: 0 };

/** DPPS on four binary32 lanes (lane 0 first, uint32 bits). */
export function dpps(a: readonly number[], b: readonly number[], imm: number, env: SseEnv): number[] {
  const p: Bits[] = [];
  for (let i = 0; i < 4; i++) {
    p.push(imm & (0x10 << i) ? sseMul(Binary32, { hi: 0, lo: a[i]! }, { hi: 0, lo: b[i]! }, env) : ZERO);
  }
  const low = sseAdd(Binary32, p[0]!, p[1]!, env);
  const high = sseAdd(Binary32, p[2]!, p[3]!, env);
  const sum = sseAdd(Binary32, low, high, env).lo;
  return [0, 1, 2, 3].map((i) => (imm & (1 << i) ? sum : 0));
}

/** DPPD on two binary64 lanes. */
export function dppd(a: readonly Bits[], b: readonly Bits[], imm: number, env: SseEnv): Bits[] {
  const p0 = imm & 0x10 ? sseMul(Binary64, a[0]!, b[0]!, env) : ZERO;
  const p1 = imm & 0x20 ? sseMul(Binary64, a[1]!, b[1]!, env) : ZERO;
  const sum = sseAdd(Binary64, p0, p1, env);
  return [imm & 1 ? sum : ZERO, imm & 2 ? sum : ZERO];
}
