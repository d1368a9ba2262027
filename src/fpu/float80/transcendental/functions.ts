// sin, cos, atan, ln, exp on BigFloat values by series with range reduction.
import { ONE, add, bf, div, divInt, mul, neg, seriesDone, sqrt, sub, topExponent, type BF } from './bigfloat.ts';

/** sin and cos for |x| <= 1 by Taylor series. */
export function sinCos(x: BF): { sin: BF; cos: BF } {
  const x2 = mul(x, x);
  let s = x;
  let term = x;
  for (let k = 2; ; k += 2) {
    term = neg(divInt(mul(term, x2), k * (k + 1)));
    s = add(s, term);
    if (seriesDone(term, s)) break;
  }
  let c = ONE;
  term = ONE;
  for (let k = 1; ; k += 2) {
    term = neg(divInt(mul(term, x2), k * (k + 1)));
    c = add(c, term);
    if (seriesDone(term, c)) break;
  }
  return { sin: s, cos: c };
}

/** atan(x) for any x. */
export function atan(x: BF): BF {
  if (x.m < 0n) return neg(atan(neg(x)));
  const top = topExponent(x);
  if (top > 0 || (top === 0 && !(x.e <= 0 && x.m === 1n << BigInt(-x.e)))) {
    // atan(x) = pi/2 - atan(1/x) for x >= 1
    return sub(halfPi(), atan(div(ONE, x)));
  }
  if (top === 0) return { m: pi().m, e: pi().e - 2 };
  // Halve the argument three times: atan(x) = 2 atan(x / (1 + sqrt(1 + x^2))).
  let y = x;
  for (let i = 0; i < 3; i++) y = div(y, add(ONE, sqrt(add(ONE, mul(y, y)))));
  const y2 = mul(y, y);
  let sum = y;
  let power = y;
  for (let k = 3; ; k += 2) {
    power = neg(mul(power, y2));
    const term = divInt(power, k);
    sum = add(sum, term);
    if (seriesDone(term, sum)) break;
  }
  return { m: sum.m, e: sum.e + 3 };
}

let piCache: BF | null = null;

/** pi to full working precision (Machin's formula). */
export function pi(): BF {
  if (!piCache) {
    const a = atanSmall(divInt(ONE, 5));
    const b = atanSmall(divInt(ONE, 239));
    piCache = sub(mul(bf(16n), a), mul(bf(4n), b));
  }
  return piCache;
}

function halfPi(): BF {
  const p = pi();
  return { m: p.m, e: p.e - 1 };
}

function atanSmall(y: BF): BF {
  const y2 = mul(y, y);
  let sum = y;
  let power = y;
  for (let k = 3; ; k += 2) {
    power = neg(mul(power, y2));
    const term = divInt(power, k);
    sum = add(sum, term);
    if (seriesDone(term, sum)) break;
  }
  return sum;
}

/** atanh(x) for |x| < 1 by its series. */
function atanhSeries(x: BF): BF {
  const x2 = mul(x, x);
  let sum = x;
  let power = x;
  for (let k = 3; ; k += 2) {
    power = mul(power, x2);
    const term = divInt(power, k);
    sum = add(sum, term);
    if (seriesDone(term, sum)) break;
  }
  return sum;
}

let ln2Cache: BF | null = null;

export function ln2(): BF {
  if (!ln2Cache) {
    const t = atanhSeries(divInt(ONE, 3));
    ln2Cache = { m: t.m, e: t.e + 1 };
  }
  return ln2Cache;
}

/** ln(x) for x > 0. */
export function ln(x: BF): BF {
  const k = topExponent(x);
  let m: BF = { m: x.m, e: x.e - k }; // in [1, 2)
  let extra = 0;
  // keep m in [sqrt(1/2), sqrt(2)) so the series converges fast
  if (m.m * 1000n > 1414n * (1n << BigInt(-m.e))) {
    m = { m: m.m, e: m.e - 1 };
    extra = 1;
  }
  const t = atanhSeries(div(sub(m, ONE), add(m, ONE)));
  return add({ m: t.m, e: t.e + 1 }, mul(bf(BigInt(k + extra)), ln2()));
}

/** ln(1 + x) for small |x| without cancellation. */
export function ln1p(x: BF): BF {
  const t = atanhSeries(div(x, add(bf(2n), x)));
  return { m: t.m, e: t.e + 1 };
}

/** e^x - 1 for |x| <= 1, without cancellation for small x. */
export function expm1(x: BF): BF {
  let sum = x;
  let term = x;
  for (let k = 2; ; k++) {
    term = divInt(mul(term, x), k);
    sum = add(sum, term);
    if (seriesDone(term, sum)) break;
  }
  return sum;
}
