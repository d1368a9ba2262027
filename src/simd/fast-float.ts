// Fast path for SSE add/sub/mul/div/sqrt under round-to-nearest: when every operand and the result are
// normal numbers, the host's IEEE double arithmetic gives the exact SSE result, and error-free
// transformations (TwoSum, Dekker's TwoProduct) tell whether it was inexact (PE). Anything else
// (zeros, denormals, infinities, NaNs, overflow, underflow, directed rounding) returns NaN so the
// caller takes the exact path of src/fpu.

export const FastOp = { Add: 1, Sub: 2, Mul: 3, Div: 4, Sqrt: 5 } as const;

const MIN64 = 2.2250738585072014e-308;
const MIN32 = 1.1754943508222875e-38;
const MAX32 = 3.4028234663852886e38;
/** Operand magnitudes for which Dekker's splitting can neither overflow nor lose the error term. */
const LO = 2 ** -480;
const HI = 2 ** 480;
const SPLIT = 134217729; // 2^27 + 1

/** Set by fastLane: the last result was inexact. */
export let fastInexact = false;

/** Exact error of a*b as a*b - fl(a*b) is zero (Dekker TwoProduct; requires LO < |a|,|b| < HI). */
function productExact(a: number, b: number, p: number): boolean {
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ((ah * bh - p) + ah * bl + al * bh) + al * bl === 0;
}

function inRange(x: number): boolean {
  const m = x < 0 ? -x : x;
  return m > LO && m < HI;
}

/** One lane: binary64 (single = false) or binary32 values held as doubles. NaN = take the slow path. */
export function fastLane(op: number, a: number, b: number, single: boolean): number {
  const min = single ? MIN32 : MIN64;
  if (!(Math.abs(b) >= min) || b === Infinity || b === -Infinity) return NaN;
  if (op !== FastOp.Sqrt && (!(Math.abs(a) >= min) || a === Infinity || a === -Infinity)) return NaN;
  let r: number;
  let exact: boolean;
  switch (op) {
    case FastOp.Add:
    case FastOp.Sub: {
      const y = op === FastOp.Add ? b : -b;
      r = a + y;
      const bb = r - a;
      exact = (a - (r - bb)) + (y - bb) === 0;
      break;
    }
    case FastOp.Mul:
      if (!inRange(a) || !inRange(b)) return NaN;
      r = a * b;
      exact = single || productExact(a, b, r);
      break;
    case FastOp.Div:
      if (!inRange(a) || !inRange(b)) return NaN;
      r = a / b;
      if (!inRange(r)) return NaN;
      exact = productExact(r, b, a) && r * b === a;
      break;
    default:
      if (b < 0 || !inRange(b)) return NaN;
      r = Math.sqrt(b);
      exact = productExact(r, r, b) && r * r === b;
  }
  if (single) {
    const f = Math.fround(r);
    if (f !== r) exact = false;
    r = f;
    if (!(Math.abs(r) >= MIN32) || Math.abs(r) > MAX32) return NaN;
  } else if (!(Math.abs(r) >= MIN64) || r === Infinity || r === -Infinity) return NaN;
  fastInexact = !exact;
  return r;
}
