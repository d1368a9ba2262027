// RCPPS/RSQRTPS/RCPSS/RSQRTSS as the reference host (AMD EPYC) computes them: a 12-bit result
// mantissa looked up from the top 12 input mantissa bits (table generated from the host), denormal
// inputs treated as zero, results below the normal range flushed to zero, no MXCSR flags.
// (Intel parts use different tables; these results match the host the tests run on.)
import { RCP, RSQRT_EVEN, RSQRT_ODD } from './approx-table.ts';

function unpack(s: string): Uint16Array {
  const t = new Uint16Array(4096);
  for (let i = 0; i < 4096; i++) t[i] = parseInt(s.slice(3 * i, 3 * i + 3), 16);
  return t;
}
// Unpacked on first use: most programs never run these instructions, and unpacking costs a few
// milliseconds of start-up.
let rcpT: Uint16Array | undefined;
let oddT: Uint16Array | undefined;
let evenT: Uint16Array | undefined;

/** Approximate 1/x of binary32 bits. */
export function rcp14(bits: number): number {
  const sign = bits & 0x80000000;
  const e = (bits >>> 23) & 0xff;
  const m = bits & 0x7fffff;
  if (e === 0xff) return m !== 0 ? (bits | 0x400000) >>> 0 : sign >>> 0; // NaN quieted; 1/inf = 0
  if (e === 0) return (sign | 0x7f800000) >>> 0; // zero or denormal: infinity
  const re = 253 - e;
  if (re <= 0) return sign >>> 0;
  rcpT ??= unpack(RCP);
  return (sign | (re << 23) | (rcpT[m >>> 11]! << 11)) >>> 0;
}

/** Approximate 1/sqrt(x) of binary32 bits. */
export function rsqrt14(bits: number): number {
  const sign = bits & 0x80000000;
  const e = (bits >>> 23) & 0xff;
  const m = bits & 0x7fffff;
  if (e === 0xff && m !== 0) return (bits | 0x400000) >>> 0;
  if (e === 0) return (sign | 0x7f800000) >>> 0;
  if (sign) return 0xffc00000;
  if (e === 0xff) return 0;
  const odd = (e & 1) === 1;
  const re = odd ? 126 - (e - 127) / 2 : 126 - (e - 128) / 2;
  const table = odd ? (oddT ??= unpack(RSQRT_ODD)) : (evenT ??= unpack(RSQRT_EVEN));
  return ((re << 23) | (table[m >>> 11]! << 11)) >>> 0;
}
