// The int32 rotates and double shifts of src/cpu/shift.ts against a BigInt model of the same
// definitions (the value as one w-bit integer): every width, every count 0..255, random values and
// incoming flags. (The host CPU checks both through test/cpu/differential.test.ts as well.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SandboxMemory } from '../../src/cpu/memory.ts';
import { shift, shiftDouble, ShiftOp } from '../../src/cpu/shift.ts';
import { CpuState } from '../../src/cpu/state.ts';
import { setStatusFlags, statusFlags } from '../../src/cpu/flags.ts';

const state = new CpuState(null as unknown as SandboxMemory);
const mask = (w: number): bigint => (1n << BigInt(w)) - 1n;
const bit = (x: bigint, k: number | bigint): number => Number((x >> BigInt(k)) & 1n);
const parity = (x: bigint): number => { let p = 1; for (let k = 0; k < 8; k++) p ^= bit(x, k); return p; };
const szp = (r: bigint, w: number): number => (parity(r) << 2) | ((r === 0n ? 1 : 0) << 6) | (bit(r, w - 1) << 7);
const split = (v: bigint): [number, number] => [Number(v & 0xffffffffn) | 0, Number((v >> 32n) & 0xffffffffn) | 0];

/** rol/ror: [result, flags] from the incoming flags (null: unchanged). */
function rotateModel(op: number, w: number, v: bigint, count: number, flags: number): [bigint, number] | null {
  const n = count & (w === 64 ? 63 : 31);
  if (n === 0) return null;
  const W = BigInt(w), k = BigInt(n % w);
  const r = op === ShiftOp.Rol ? ((v << k) | (v >> ((W - k) % W))) & mask(w) : ((v >> k) | (v << ((W - k) % W))) & mask(w);
  const cf = op === ShiftOp.Rol ? bit(r, 0) : bit(r, w - 1);
  const of = op === ShiftOp.Rol ? bit(r, w - 1) ^ cf : bit(r, w - 1) ^ bit(r, w - 2);
  return [r, (flags & ~0x801) | cf | (of << 11)];
}

/** shld/shrd as the reference host (AMD Zen) does them: AF set; OF = top bit XOR CF (left) or the
 * XOR of the two top bits (right); 16-bit counts above 16 rotate the source with CF = 0 (and OF = 0
 * to the left, where a count of exactly 16 gives OF = CF). */
function doubleModel(left: boolean, w: number, d: bigint, s: bigint, count: number): [bigint, number] | null {
  const n = count & (w === 64 ? 63 : 31);
  if (n === 0) return null;
  const W = BigInt(w), N = BigInt(n);
  let r: bigint, cf: number;
  if (n > w) { // 16 bits only
    const k = N - W;
    r = left ? ((s << k) | (s >> (W - k))) & mask(w) : ((s >> k) | (s << (W - k))) & mask(w);
    cf = 0;
  } else {
    const x = left ? (d << W) | s : (s << W) | d;
    r = left ? (x >> (W - N)) & mask(w) : (x >> N) & mask(w);
    cf = left ? bit(x, 2n * W - N) : bit(x, N - 1n);
  }
  const of = !left ? bit(r, w - 1) ^ bit(r, w - 2) : n > w ? 0 : n === w ? cf : bit(r, w - 1) ^ cf;
  return [r, cf | szp(r, w) | 0x10 | (of << 11)];
}

const value = fc.oneof(fc.bigInt({ min: 0n, max: mask(64) }), fc.constantFrom(0n, 1n, mask(64), 1n << 63n, 0x80000000n, 0x7fffffffn, 0xffffffffn));
const width = fc.constantFrom(8, 16, 32, 64);
const count = fc.integer({ min: 0, max: 255 });
const flags = fc.integer({ min: 0, max: 0xfff }).map((f) => f & 0x8d5);

describe('int32 shift helpers vs a BigInt model', () => {
  it('rol/ror: result and flags at every width and count', () => {
    fc.assert(fc.property(fc.constantFrom(ShiftOp.Rol, ShiftOp.Ror), width, value, count, flags, (op, w, v0, n, f) => {
      const v = v0 & mask(w);
      const [lo, hi] = split(v);
      setStatusFlags(state, f);
      const rlo = shift(state, op, w, lo, hi, n);
      const got = (BigInt(state.outHi >>> 0) << 32n | BigInt(rlo >>> 0)) & mask(w);
      const want = rotateModel(op, w, v, n, f);
      expect([got, statusFlags(state)]).toEqual(want ?? [v, f]);
    }), { numRuns: 20000 });
  });
  it('shld/shrd: result and flags at 16, 32 and 64 bits, every count', () => {
    fc.assert(fc.property(fc.boolean(), fc.constantFrom(16, 32, 64), value, value, count, flags, (left, w, d0, s0, n, f) => {
      const d = d0 & mask(w), s = s0 & mask(w);
      const [dLo, dHi] = split(d);
      const [sLo, sHi] = split(s);
      setStatusFlags(state, f);
      const rlo = shiftDouble(state, left, w, dLo, dHi, sLo, sHi, n);
      const got = (BigInt(state.outHi >>> 0) << 32n | BigInt(rlo >>> 0)) & mask(w);
      const want = doubleModel(left, w, d, s, n);
      expect([got, statusFlags(state)]).toEqual(want ?? [d, f]);
    }), { numRuns: 20000 });
  });
});
