// Bit sets over code offsets, one bit per byte of code.

export function newBitmap(bits: number): Uint8Array {
  return new Uint8Array((bits + 7) >>> 3);
}

export function setBit(map: Uint8Array, i: number): void {
  map[i >>> 3]! |= 1 << (i & 7);
}

export function clearBit(map: Uint8Array, i: number): void {
  map[i >>> 3]! &= ~(1 << (i & 7));
}

export function testBit(map: Uint8Array, i: number): boolean {
  return (map[i >>> 3]! & (1 << (i & 7))) !== 0;
}
