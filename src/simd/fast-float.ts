// Fast paths for SSE float arithmetic, comparisons and conversions under round-to-nearest, taken only
// where the host's IEEE doubles give provably the same bits and the same MXCSR flags as the exact
// path of src/fpu:
// - every operand and result is a normal number (no zero/denormal/infinity/NaN operand, no result at
//   or below the smallest normal, no overflow), so the only flag that can be raised is PE, and
//   DAZ/FTZ (which act on denormal operands and tiny results only) cannot matter;
// - binary32 lanes are computed in binary64 and rounded with Math.fround: for + - * / and sqrt the
//   double rounding is innocuous (53 >= 2*24 + 2), so this equals one correct rounding;
// - PE is exact: error-free transformations (TwoSum for add/sub, Dekker's TwoProduct for mul, and
//   for div and sqrt the product back, r*b = a and r*r = b) tell whether the rounded result was exact.
// Everything else returns Refused and the caller takes the exact path. The lane loops read and write
// typed arrays only, so no double crosses a call boundary (V8 would box it into a heap number).

export const FastOp = { Add: 1, Sub: 2, Mul: 3, Div: 4, Sqrt: 5 } as const;
/** Outcome of a fast path: refused (take the exact path), done exactly, done and inexact (PE). */
export const Fast = { Refused: 0, Exact: 1, Inexact: 2 } as const;

export const MIN64 = 2.2250738585072014e-308;
export const MIN32 = 1.1754943508222875e-38;
/** Magnitudes for which Dekker's splitting can neither overflow nor lose bits of the error terms. */
const LO = 2 ** -480;
const HI = 2 ** 480;
const SPLIT = 134217729; // 2^27 + 1

/** Results of fastArith, lane by lane. */
export const FAST_OUT64 = new Float64Array(2);
export const FAST_OUT32 = new Float32Array(4);

/**
 * `count` lanes of x op y (sqrt: of y) into FAST_OUT32/64: binary32 lanes (single) from x32/y32,
 * binary64 lanes from x64/y64, starting at lane xi / yi.
 */
export function fastArith(
  op: number, single: boolean, x32: Float32Array, x64: Float64Array, xi: number,
  y32: Float32Array, y64: Float64Array, yi: number, count: number,
): number {
  const min = single ? MIN32 : MIN64;
  let inexact = false;
  for (let k = 0; k < count; k++) {
    const b = single ? y32[yi + k] : y64[yi + k];
    const bm = b < 0 ? -b : b;
    if (!(bm >= min) || bm === Infinity) return Fast.Refused; // zero, denormal, infinity, NaN
    let r: number;
    let exact: boolean;
    if (op === FastOp.Sqrt) {
      if (b < 0) return Fast.Refused;
      r = Math.sqrt(b);
      if (r <= LO || r >= HI) return Fast.Refused;
      const t = SPLIT * r;
      const rh = t - (t - r);
      const rl = r - rh;
      exact = r * r === b && ((rh * rh - b) + rh * rl + rl * rh) + rl * rl === 0;
    } else {
      const a = single ? x32[xi + k] : x64[xi + k];
      const am = a < 0 ? -a : a;
      if (!(am >= min) || am === Infinity) return Fast.Refused;
      if (op === FastOp.Add || op === FastOp.Sub) {
        const y = op === FastOp.Add ? b : -b;
        r = a + y;
        const yv = r - a; // TwoSum: the rounding error of a + y, exactly
        exact = (a - (r - yv)) + (y - yv) === 0;
      } else if (op === FastOp.Mul) {
        r = a * b;
        if (single) exact = true; // two 24-bit significands: the double product is exact
        else {
          if (am <= LO || am >= HI || bm <= LO || bm >= HI) return Fast.Refused;
          let t = SPLIT * a;
          const ah = t - (t - a);
          const al = a - ah;
          t = SPLIT * b;
          const bh = t - (t - b);
          const bl = b - bh;
          exact = ((ah * bh - r) + ah * bl + al * bh) + al * bl === 0;
        }
      } else {
        r = a / b;
        const rm = r < 0 ? -r : r;
        if (rm <= LO || rm >= HI || bm <= LO || bm >= HI) return Fast.Refused;
        let t = SPLIT * r;
        const rh = t - (t - r);
        const rl = r - rh;
        t = SPLIT * b;
        const bh = t - (t - b);
        const bl = b - bh;
        exact = r * b === a && ((rh * bh - a) + rh * bl + rl * bh) + rl * bl === 0;
      }
    }
    if (single) {
      const f = Math.fround(r);
      if (f !== r) exact = false;
      r = f;
    }
    const rm = r < 0 ? -r : r;
    // strictly above the smallest normal: a result rounded up to it may be tiny (UE) after rounding
    if (!(rm > min) || rm === Infinity) return Fast.Refused;
    if (!exact) inexact = true;
    if (single) FAST_OUT32[k] = r;
    else FAST_OUT64[k] = r;
  }
  return inexact ? Fast.Inexact : Fast.Exact;
}

/** A value the comparisons and min/max may take as it is: not NaN, not denormal (zeros and infinities are fine). */
export function plainOperand(v: number, min: number): boolean {
  const m = v < 0 ? -v : v;
  return m >= min || m === 0;
}
