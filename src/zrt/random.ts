// Deterministic random bytes for get_random_bytes and /dev/(u)random: xoshiro128** seeded through splitmix32
// from the session seed. Not cryptographic by design: the same session must see the same bytes.

function splitmix32(state: { s: number }): number {
  state.s = (state.s + 0x9e3779b9) | 0;
  let z = state.s;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

function hashSeed(seed: number | string): number {
  if (typeof seed === 'number') return ((seed >>> 0) ^ (Math.floor(seed / 0x100000000) >>> 0)) >>> 0;
  let h = 0x811c9dc5; // FNV-1a over UTF-16 code units
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export class DeterministicRandom {
  private readonly s = new Uint32Array(4);

  constructor(seed: number | string = 0) {
    const st = { s: hashSeed(seed) };
    for (let i = 0; i < 4; i++) this.s[i] = splitmix32(st);
  }

  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
    const t = s[1] << 9;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  fill(out: Uint8Array): Uint8Array {
    for (let i = 0; i < out.length; i += 4) {
      let v = this.nextUint32();
      for (let j = i; j < Math.min(i + 4, out.length); j++, v >>>= 8) out[j] = v & 0xff;
    }
    return out;
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
