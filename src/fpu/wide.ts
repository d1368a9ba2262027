// Natural numbers of any width as little-endian arrays of 16-bit limbs (no trailing zero limbs; zero is []).
// 16-bit limbs keep every partial product and carry exactly representable in a JS number, so no BigInt is needed.

export type Wide = number[];

function trim(a: Wide): Wide {
  let n = a.length;
  while (n > 0 && a[n - 1] === 0) n--;
  a.length = n;
  return a;
}

export function fromU32(x: number): Wide {
  return trim([x & 0xffff, x >>> 16]);
}

/** hi:lo as a 64-bit natural. */
export function fromU64(hi: number, lo: number): Wide {
  return trim([lo & 0xffff, lo >>> 16, hi & 0xffff, hi >>> 16]);
}

/** A two's-complement 64-bit integer hi:lo as its sign and magnitude. */
export function fromI64(hi: number, lo: number): { negative: number; m: Wide } {
  const negative = hi >>> 31;
  let h = hi >>> 0;
  let l = lo >>> 0;
  if (negative) {
    l = (~l + 1) >>> 0;
    h = (~h + (l === 0 ? 1 : 0)) >>> 0;
  }
  return { negative, m: fromU64(h, l) };
}

/** Any non-negative integer up to 2^53. */
export function fromNumber(x: number): Wide {
  const out: Wide = [];
  while (x > 0) {
    out.push(x % 65536);
    x = Math.floor(x / 65536);
  }
  return out;
}

/** The value as a JS number (exact below 2^53). */
export function toNumber(a: Wide): number {
  let v = 0;
  for (let i = a.length - 1; i >= 0; i--) v = v * 65536 + a[i]!;
  return v;
}

/** 32 bits starting at bit `at` (low to high). */
export function bits32(a: Wide, at: number): number {
  let v = 0;
  for (let k = 0; k < 32; k += 16) {
    const pos = at + k;
    const li = pos >> 4;
    const sh = pos & 15;
    const lo = a[li] ?? 0;
    const hi = a[li + 1] ?? 0;
    const limb = ((lo >>> sh) | (hi << (16 - sh))) & 0xffff;
    v |= limb << k;
  }
  return v >>> 0;
}

export function isZero(a: Wide): boolean {
  return a.length === 0;
}

export function bitLength(a: Wide): number {
  const n = a.length;
  if (n === 0) return 0;
  return (n - 1) * 16 + (32 - Math.clz32(a[n - 1]!));
}

export function testBit(a: Wide, i: number): boolean {
  return (((a[i >> 4] ?? 0) >>> (i & 15)) & 1) === 1;
}

/** True when any of the low `n` bits is set. */
export function anyBelow(a: Wide, n: number): boolean {
  if (n <= 0) return false;
  const full = n >> 4;
  for (let i = 0; i < full && i < a.length; i++) if (a[i] !== 0) return true;
  const rem = n & 15;
  if (rem === 0 || full >= a.length) return false;
  return (a[full]! & ((1 << rem) - 1)) !== 0;
}

export function shl(a: Wide, n: number): Wide {
  if (a.length === 0 || n === 0) return a.slice();
  const limbs = n >> 4;
  const sh = n & 15;
  const out: Wide = new Array(limbs).fill(0);
  let carry = 0;
  for (let i = 0; i < a.length; i++) {
    const v = (a[i]! << sh) | carry;
    out.push(v & 0xffff);
    carry = v >>> 16;
  }
  if (carry) out.push(carry);
  return out;
}

/** floor(a / 2^n). */
export function shr(a: Wide, n: number): Wide {
  if (n <= 0) return n === 0 ? a.slice() : shl(a, -n);
  const limbs = n >> 4;
  const sh = n & 15;
  const out: Wide = [];
  for (let i = limbs; i < a.length; i++) {
    const v = (a[i]! >>> sh) | (((a[i + 1] ?? 0) << (16 - sh)) & 0xffff);
    out.push(sh === 0 ? a[i]! : v);
  }
  return trim(out);
}

export function cmp(a: Wide, b: Wide): number {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = a.length - 1; i >= 0; i--) {
    if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  }
  return 0;
}

export function add(a: Wide, b: Wide): Wide {
  const n = Math.max(a.length, b.length);
  const out: Wide = [];
  let carry = 0;
  for (let i = 0; i < n; i++) {
    const v = (a[i] ?? 0) + (b[i] ?? 0) + carry;
    out.push(v & 0xffff);
    carry = v >>> 16;
  }
  if (carry) out.push(carry);
  return out;
}

export function addSmall(a: Wide, x: number): Wide {
  return add(a, fromNumber(x));
}

/** a - b, requires a >= b. */
export function sub(a: Wide, b: Wide): Wide {
  const out: Wide = [];
  let borrow = 0;
  for (let i = 0; i < a.length; i++) {
    let v = a[i]! - (b[i] ?? 0) - borrow;
    borrow = v < 0 ? 1 : 0;
    if (v < 0) v += 65536;
    out.push(v);
  }
  if (borrow) throw new Error('wide.sub: negative result');
  return trim(out);
}

export function mul(a: Wide, b: Wide): Wide {
  if (a.length === 0 || b.length === 0) return [];
  const out: number[] = new Array(a.length + b.length).fill(0);
  for (let i = 0; i < a.length; i++) {
    let carry = 0;
    const ai = a[i]!;
    for (let j = 0; j < b.length; j++) {
      const v = out[i + j]! + ai * b[j]! + carry;
      out[i + j] = v % 65536;
      carry = Math.floor(v / 65536);
    }
    let k = i + b.length;
    while (carry) {
      const v = out[k]! + carry;
      out[k] = v % 65536;
      carry = Math.floor(v / 65536);
      k++;
    }
  }
  return trim(out);
}

/**
 * Quotient and remainder by restoring binary long division, one dividend bit at a time into a remainder
 * held in place (operands here are at most a few hundred bits).
 */
export function divmod(a: Wide, b: Wide): { q: Wide; r: Wide } {
  if (b.length === 0) throw new Error('wide.divmod: division by zero');
  if (cmp(a, b) < 0) return { q: [], r: a.slice() };
  const n = b.length + 1;
  const r = new Array<number>(n).fill(0);
  const bits = bitLength(a);
  const q = new Array<number>(a.length).fill(0);
  for (let i = bits - 1; i >= 0; i--) {
    // r = 2r + bit i of a
    let carry = ((a[i >> 4]! >>> (i & 15)) & 1);
    for (let k = 0; k < n; k++) {
      const v = (r[k]! << 1) | carry;
      r[k] = v & 0xffff;
      carry = v >>> 16;
    }
    // r >= b ?
    let ge = true;
    for (let k = n - 1; k >= 0; k--) {
      const bk = b[k] ?? 0;
      if (r[k] !== bk) {
        ge = r[k]! > bk;
        break;
      }
    }
    if (ge) {
      let borrow = 0;
      for (let k = 0; k < n; k++) {
        let v = r[k]! - (b[k] ?? 0) - borrow;
        borrow = v < 0 ? 1 : 0;
        if (v < 0) v += 65536;
        r[k] = v;
      }
      q[i >> 4] = q[i >> 4]! | (1 << (i & 15));
    }
  }
  return { q: trim(q), r: trim(r) };
}

/** floor(sqrt(a)) and whether it is exact, bit by bit. */
export function isqrt(a: Wide): { s: Wide; exact: boolean } {
  if (a.length === 0) return { s: [], exact: true };
  let rem = a.slice();
  let root: Wide = [];
  let top = bitLength(a) - 1;
  top -= top & 1;
  for (let i = top; i >= 0; i -= 2) {
    // Try root' = 2*root + 1 at this digit: subtract (4*root + 1) << i.
    const trial = shl(add(shl(root, 2), [1]), i);
    root = shl(root, 1);
    if (cmp(rem, trial) >= 0) {
      rem = sub(rem, trial);
      root = add(root, [1]);
    }
    // keep root aligned: root holds the bits found so far
  }
  return { s: root, exact: rem.length === 0 };
}
