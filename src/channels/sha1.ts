// SHA-1 (FIPS 180-4), incremental, in plain TypeScript: the core may not use node:crypto.
// ZeroVM's channel etags are SHA-1 of every byte that passed, reported as 40 lowercase hex digits.

export class Sha1 {
  private readonly h = new Int32Array([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  /** Total bytes hashed, kept as a number: exact up to 2^53 bytes. */
  private length = 0;
  private readonly w = new Int32Array(80);

  update(data: Uint8Array): this {
    let i = 0;
    this.length += data.length;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, data.length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      i = take;
      if (this.blockLength < 64) return this;
      this.compress(this.block, 0);
      this.blockLength = 0;
    }
    for (; i + 64 <= data.length; i += 64) this.compress(data, i);
    if (i < data.length) {
      this.block.set(data.subarray(i), 0);
      this.blockLength = data.length - i;
    }
    return this;
  }

  /** The digest so far; the hash can keep going afterwards (like ZeroVM's copy-then-finish). */
  digest(): Uint8Array {
    const copy = this.clone();
    return copy.finish();
  }

  hex(): string {
    let s = '';
    for (const b of this.digest()) s += b.toString(16).padStart(2, '0');
    return s;
  }

  clone(): Sha1 {
    const c = new Sha1();
    c.h.set(this.h);
    c.block.set(this.block);
    c.blockLength = this.blockLength;
    c.length = this.length;
    return c;
  }

  private finish(): Uint8Array {
    const bits = this.length * 8;
    const pad = new Uint8Array(((this.blockLength < 56 ? 56 : 120) - this.blockLength) + 8);
    pad[0] = 0x80;
    const view = new DataView(pad.buffer);
    view.setUint32(pad.length - 8, Math.floor(bits / 0x1_0000_0000), false);
    view.setUint32(pad.length - 4, bits >>> 0, false);
    this.update(pad);
    const out = new Uint8Array(20);
    const ov = new DataView(out.buffer);
    for (let k = 0; k < 5; k++) ov.setInt32(k * 4, this.h[k]!, false);
    return out;
  }

  // Int32 arithmetic throughout and one loop per round function: V8 keeps every value a small
  // integer in a register (3-5x the speed of a uint32 loop with a branch per round).
  private compress(data: Uint8Array, at: number): void {
    const w = this.w;
    for (let t = 0; t < 16; t++) {
      const p = at + t * 4;
      w[t] = (data[p]! << 24) | (data[p + 1]! << 16) | (data[p + 2]! << 8) | data[p + 3]!;
    }
    for (let t = 16; t < 80; t++) {
      const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
      w[t] = (x << 1) | (x >>> 31);
    }
    const h = this.h;
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!;
    let t = 0;
    for (; t < 20; t++) {
      const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 40; t++) {
      const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 60; t++) {
      const temp = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e - 0x70e44324 + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    for (; t < 80; t++) {
      const temp = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e - 0x359d3e2a + w[t]!) | 0;
      e = d; d = c; c = (b << 30) | (b >>> 2); b = a; a = temp;
    }
    h[0] = (h[0]! + a) | 0;
    h[1] = (h[1]! + b) | 0;
    h[2] = (h[2]! + c) | 0;
    h[3] = (h[3]! + d) | 0;
    h[4] = (h[4]! + e) | 0;
  }
}

export function sha1Hex(data: Uint8Array): string {
  return new Sha1().update(data).hex();
}
