// SHA-1 (FIPS 180-4), incremental, in plain TypeScript: the core may not use node:crypto.
// ZeroVM's channel etags are SHA-1 of every byte that passed, reported as 40 lowercase hex digits.
// The compression function is generated (sha1-rounds.ts, by scripts/gen-sha1-rounds.ts).
import { compressBlock } from './sha1-rounds.ts';

export class Sha1 {
  private readonly h = new Int32Array([0x67452301, 0xefcdab89 | 0, 0x98badcfe | 0, 0x10325476, 0xc3d2e1f0 | 0]);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  /** Total bytes hashed, kept as a number: exact up to 2^53 bytes. */
  private length = 0;

  update(data: Uint8Array): this {
    let i = 0;
    this.length += data.length;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, data.length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      i = take;
      if (this.blockLength < 64) return this;
      compressBlock(this.h, this.block, 0);
      this.blockLength = 0;
    }
    for (; i + 64 <= data.length; i += 64) compressBlock(this.h, data, i);
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
}

export function sha1Hex(data: Uint8Array): string {
  return new Sha1().update(data).hex();
}
