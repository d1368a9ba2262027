// fast-check arbitraries for FPU operands, weighted toward the cases where implementations differ:
// zeros, denormals, infinities, NaNs with payloads, unsupported x87 encodings, rounding ties and range limits.
import fc from 'fast-check';
import { f80Hex, h } from './hex.ts';
import { f80 } from '../../src/fpu/float80/types.ts';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const BIAS = 16383;

/** 64-bit significand patterns as [hi, lo]. */
const significand: fc.Arbitrary<[number, number]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(u32, u32).map(([a, b]): [number, number] => [(a | 0x80000000) >>> 0, b]) },
  // short significands: products and quotients hit exact results and ties
  {
    weight: 3,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 30 }), u32).map(([n, r]): [number, number] => [((r >>> (32 - n)) << (32 - n) | 0x80000000) >>> 0, 0]),
  },
  // ties and near-ties at the 24-, 53- and 64-bit rounding positions
  {
    weight: 3,
    arbitrary: fc.tuple(fc.constantFrom<number>(40, 11, 1, 2, 32, 39, 10), fc.constantFrom(-1, 0, 1), u32, u32).map(([k, d, a, b]): [number, number] => {
      // value: random top bits, bit k-1 set, low bits zero, then +/- one unit
      let hi = (a | 0x80000000) >>> 0;
      let lo = b;
      if (k > 32) {
        hi = ((hi >>> (k - 32)) << (k - 32)) | (1 << (k - 33));
        lo = 0;
      } else {
        lo = k === 32 ? 0x80000000 : (((lo >>> k) << k) | (1 << (k - 1))) >>> 0;
      }
      lo = (lo + d) >>> 0;
      if (d === 1 && lo === 0) hi++;
      if (d === -1 && lo === 0xffffffff) hi--;
      return [hi >>> 0 || 0x80000000, lo];
    }),
  },
  { weight: 1, arbitrary: fc.constantFrom<[number, number]>([0x80000000, 0], [0xffffffff, 0xffffffff], [0xc0000000, 0], [0x80000000, 1], [0xffffffff, 0xfffff800], [0xffffff00, 0]) },
  // integer bit clear: denormals (exponent 0) and unnormals / pseudo-NaNs otherwise
  { weight: 1, arbitrary: fc.tuple(u32, u32).map(([a, b]): [number, number] => [(a & 0x7fffffff) >>> (a & 31), b]) },
);

const exponent: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: BIAS - 40, max: BIAS + 40 }) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 0x7ffe }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 70 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0x7ffe - 70, max: 0x7ffe }) },
  { weight: 2, arbitrary: fc.constantFrom(0, 0x7fff) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom(-126, -149, -150, 127, 128, -1022, -1074, -1075, 1023, 1024, 63, 31, 15, 62, 64), fc.integer({ min: -2, max: 2 }))
      .map(([e, d]) => BIAS + e + d),
  },
);

export interface RawF80 {
  sign: number;
  exp: number;
  hi: number;
  lo: number;
}

export const rawF80: fc.Arbitrary<RawF80> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ sign: fc.integer({ min: 0, max: 1 }), exp: exponent, hi: fc.constant(0), lo: fc.constant(0) }).chain((r) =>
      significand.map(([hi, lo]) => ({ ...r, hi, lo }))) },
  { weight: 1, arbitrary: fc.record({ sign: fc.integer({ min: 0, max: 1 }), exp: fc.constantFrom(0, 0x7fff), hi: fc.constantFrom(0, 0x80000000), lo: fc.constant(0) }) },
  // NaNs with payloads, quiet and signaling
  { weight: 2, arbitrary: fc.record({ sign: fc.integer({ min: 0, max: 1 }), exp: fc.constant(0x7fff), hi: u32.map((x) => (x | 0x80000000) >>> 0), lo: u32 })
      .filter((r) => (r.hi & 0x7fffffff) !== 0 || r.lo !== 0) },
);

export const f80Arb = rawF80.map((r) => f80Hex(f80(r.sign, r.exp, r.hi, r.lo)));

/** A second operand close in exponent to the first (cancellation, alignment), or independent. */
export const f80Pair: fc.Arbitrary<[string, string]> = fc.oneof(
  { weight: 2, arbitrary: fc.tuple(f80Arb, f80Arb) },
  {
    weight: 2,
    arbitrary: fc.tuple(rawF80, rawF80, fc.integer({ min: -70, max: 70 })).map(([a, b, d]): [string, string] => {
      const exp = Math.min(0x7ffe, Math.max(1, a.exp + d));
      return [f80Hex(f80(a.sign, a.exp, a.hi, a.lo)), f80Hex(f80(b.sign, a.exp === 0x7fff ? b.exp : exp, b.hi, b.lo))];
    }),
  },
);

/** All-masked x87 control word with any rounding and precision control. */
export const x87Control = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom(0, 2, 3)).map(([rc, pc]) => h(0x7f | (pc << 8) | (rc << 10), 4));

/** Extended-precision control word with any rounding control (for operations that ignore PC). */
export const x87ControlRc = fc.integer({ min: 0, max: 3 }).map((rc) => h(0x37f | (rc << 10), 4));

/** binary32 bit patterns (as 8 hex digits). */
export const f32Arb: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 1 }),
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 100, max: 154 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 255 }) },
      { weight: 2, arbitrary: fc.constantFrom(0, 255, 1, 254, 2, 253) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 30 }) },
      { weight: 1, arbitrary: fc.integer({ min: 127 + 28, max: 127 + 66 }) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.integer({ min: 0, max: 0x7fffff }) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 22 }), fc.integer({ min: 0, max: 0x7fffff })).map(([n, r]) => (r >> n) << n) },
      { weight: 1, arbitrary: fc.constantFrom(0, 0x7fffff, 0x400000, 1, 0x3fffff, 0x400001) },
    ),
  )
  .map(([s, e, f]) => h(((s << 31) | (e << 23) | f) >>> 0, 8));

/** binary64 bit patterns (as 16 hex digits). */
export const f64Arb: fc.Arbitrary<string> = fc
  .tuple(
    fc.integer({ min: 0, max: 1 }),
    fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 1023 - 40, max: 1023 + 40 }) },
      { weight: 2, arbitrary: fc.integer({ min: 0, max: 2047 }) },
      { weight: 2, arbitrary: fc.constantFrom(0, 2047, 1, 2046, 2, 2045) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 60 }) },
      { weight: 1, arbitrary: fc.constantFrom(1023 - 126, 1023 - 149, 1023 - 150, 1023 + 127, 1023 + 128, 1023 + 31, 1023 + 63, 1023 + 62, 1023 + 30, 1023 + 64) },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xfffff }), u32) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xfffff }), fc.integer({ min: 0, max: 20 })).map(([hi, n]): [number, number] => [(hi >> n) << n, 0]) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 0xfffff }), u32, fc.constantFrom(0x10000000, 0x0fffffff, 0x10000001, 0x20000000, 0x1fffffff)).map(([hi, lo, t]): [number, number] => [hi, ((lo >>> 29) << 29 | t) >>> 0]) },
      { weight: 1, arbitrary: fc.constantFrom<[number, number]>([0, 0], [0xfffff, 0xffffffff], [0x80000, 0], [0, 1], [0x7ffff, 0xffffffff]) },
    ),
  )
  .map(([s, e, [fh, fl]]) => h(((s << 31) | (e << 20) | fh) >>> 0, 8) + h(fl, 8));

/** MXCSR with all exceptions masked, any rounding control, DAZ and FTZ on or off. */
export const mxcsrArb = fc
  .tuple(fc.integer({ min: 0, max: 3 }), fc.boolean(), fc.boolean())
  .map(([rc, daz, ftz]) => h(0x1f80 | (rc << 13) | (daz ? 0x40 : 0) | (ftz ? 0x8000 : 0), 8));
