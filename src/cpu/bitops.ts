// Bit scans, population count, byte swap and CRC-32C as pure functions over lo/hi halves.

/** Index of the lowest set bit of lo/hi (width w), or -1 when zero. */
export function lowestBit(w: number, lo: number, hi: number): number {
  if (w < 32) lo &= (1 << w) - 1;
  if (lo !== 0) return 31 - Math.clz32(lo & -lo);
  if (w === 64 && hi !== 0) return 63 - Math.clz32(hi & -hi);
  return -1;
}
/** Index of the highest set bit of lo/hi (width w), or -1 when zero. */
export function highestBit(w: number, lo: number, hi: number): number {
  if (w === 64 && hi !== 0) return 63 - Math.clz32(hi);
  if (w < 32) lo &= (1 << w) - 1;
  return lo !== 0 ? 31 - Math.clz32(lo) : -1;
}
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
}
export function popcount(w: number, lo: number, hi: number): number {
  if (w < 32) return popcount32(lo & ((1 << w) - 1));
  return popcount32(lo) + (w === 64 ? popcount32(hi) : 0);
}
export function bswap32(v: number): number {
  return ((v >>> 24) | ((v >>> 8) & 0xff00) | ((v & 0xff00) << 8) | (v << 24)) | 0;
}
/** Swaps the bytes of a 16-bit value. */
export function bswap16(v: number): number {
  return ((v >>> 8) & 0xff) | ((v & 0xff) << 8);
}

const CRC32C = new Int32Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  CRC32C[i] = c;
}
/** CRC-32C (Castagnoli, as the crc32 instruction) of `bytes` little-endian bytes of lo/hi. */
export function crc32c(crc: number, bytes: number, lo: number, hi: number): number {
  for (let i = 0; i < bytes; i++) {
    const b = i < 4 ? (lo >>> (8 * i)) & 0xff : (hi >>> (8 * (i - 4))) & 0xff;
    crc = CRC32C[(crc ^ b) & 0xff] ^ (crc >>> 8);
  }
  return crc | 0;
}
