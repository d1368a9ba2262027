// One test case as the native oracle sees it, and the same case run through execSimd.
import { Decoded, decodeFast } from '../../src/decoder/index.ts';
import { execSimd } from '../../src/simd/exec.ts';
import type { SimdHost, SimdMemory } from '../../src/simd/interface.ts';
import { fxrstorImage, fxsaveImage } from '../../src/simd/save.ts';
import { SimdUnit } from '../../src/simd/state.ts';

export const REC = 928;
export const OFF = { FX: 0, MEM: 512, GPR: 768, FLAGS: 896, CODE: 904, LEN: 920 } as const;
/** Sandbox address of the scratch buffer in the emulation; rbx = SCRATCH + 128. */
export const SCRATCH = 0x10000;
export const STATUS_FLAGS = 0x8d5;

export class ScratchMemory implements SimdMemory {
  hi = 0;
  constructor(readonly bytes: Uint8Array) {}
  private at(a: number, size: number): number {
    const o = a - SCRATCH;
    if (o < 0 || o + size > 256) throw new Error(`test memory access out of the scratch buffer: ${a.toString(16)}+${size}`);
    return o;
  }
  check(a: number, size: number): void {
    this.at(a, size);
  }
  read8(a: number): number { return this.bytes[this.at(a, 1)]; }
  read16(a: number): number { const o = this.at(a, 2); return this.bytes[o] | (this.bytes[o + 1] << 8); }
  read32(a: number): number {
    const o = this.at(a, 4);
    const b = this.bytes;
    return b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24);
  }
  read64(a: number): number {
    this.at(a, 8);
    this.hi = this.read32(a + 4);
    return this.read32(a);
  }
  write8(a: number, v: number): void { this.bytes[this.at(a, 1)] = v; }
  write16(a: number, v: number): void { const o = this.at(a, 2); this.bytes[o] = v; this.bytes[o + 1] = v >>> 8; }
  write32(a: number, v: number): void {
    const o = this.at(a, 4);
    for (let k = 0; k < 4; k++) this.bytes[o + k] = v >>> (8 * k);
  }
  write64(a: number, lo: number, hi: number): void {
    this.at(a, 8);
    this.write32(a, lo);
    this.write32(a + 4, hi);
  }
}

const d = new Decoded();

/** Runs one record through the TypeScript executors, in place. Returns a reason when it cannot. */
export function emulate(rec: Uint8Array): string | null {
  const len = rec[OFF.LEN];
  const code = rec.slice(OFF.CODE, OFF.CODE + len);
  const n = decodeFast(code, 0, len, d);
  if (n !== len) return `decode failed (${n})`;
  const u = new SimdUnit();
  fxrstorImage(u, rec.subarray(OFF.FX, OFF.FX + 512));
  const R = new Int32Array(32);
  const dv = new DataView(rec.buffer, rec.byteOffset, REC);
  for (let r = 0; r < 16; r++) {
    R[2 * r] = dv.getInt32(OFF.GPR + 8 * r, true);
    R[2 * r + 1] = dv.getInt32(OFF.GPR + 8 * r + 4, true);
  }
  R[6] = SCRATCH + 128; // rbx
  R[7] = 0;
  let rflags = dv.getUint32(OFF.FLAGS, true);
  const mem = new ScratchMemory(rec.subarray(OFF.MEM, OFF.MEM + 256));
  const host: SimdHost = {
    R, mem,
    getFlags: () => rflags & STATUS_FLAGS,
    setFlags: (f: number) => { rflags = (rflags & ~STATUS_FLAGS) | (f & STATUS_FLAGS); },
  };
  let ea = -1;
  if (d.hasMem) {
    if (d.memBase !== 3 || d.memIndex >= 0) return 'unexpected addressing';
    ea = R[6] + d.disp;
  }
  if (!execSimd(u, d.form, d.reg, d.rm, ea, d.imm, (d.rex >> 3) & 1, host)) return 'not a SIMD form';
  fxsaveImage(u, rec.subarray(OFF.FX, OFF.FX + 512));
  for (let r = 0; r < 16; r++) {
    if (r === 3) continue;
    dv.setInt32(OFF.GPR + 8 * r, R[2 * r], true);
    dv.setInt32(OFF.GPR + 8 * r + 4, R[2 * r + 1], true);
  }
  dv.setUint32(OFF.FLAGS, rflags >>> 0, true);
  return null;
}

/** Bytes of the FXSAVE image the comparison ignores: FOP/FIP/FDP, MXCSR_MASK, the reserved tail. */
export function ignoredFx(i: number): boolean {
  return (i >= 6 && i < 24) || (i >= 28 && i < 32) || i >= 416;
}

/** Differences between the native and emulated final records, as text (empty when equal). */
export function diffRecords(native: Uint8Array, mine: Uint8Array): string[] {
  const out: string[] = [];
  const hex = (b: Uint8Array, from: number, n: number) =>
    Array.from(b.subarray(from, from + n)).reverse().map((x) => x.toString(16).padStart(2, '0')).join('');
  const fxFields: [string, number, number][] = [['fcw', 0, 2], ['fsw', 2, 2], ['ftw', 4, 1], ['mxcsr', 24, 4]];
  for (let i = 0; i < 8; i++) fxFields.push([`st${i}`, 32 + 16 * i, 10]);
  for (let i = 0; i < 16; i++) fxFields.push([`xmm${i}`, 160 + 16 * i, 16]);
  for (const [name, off, n] of fxFields) {
    const a = hex(native, off, n);
    const b = hex(mine, off, n);
    if (a !== b) out.push(`${name}: native ${a} mine ${b}`);
  }
  for (let r = 0; r < 16; r++) {
    const a = hex(native, OFF.GPR + 8 * r, 8);
    const b = hex(mine, OFF.GPR + 8 * r, 8);
    if (a !== b) out.push(`gpr${r}: native ${a} mine ${b}`);
  }
  const fa = new DataView(native.buffer, native.byteOffset).getUint32(OFF.FLAGS, true) & STATUS_FLAGS;
  const fb = new DataView(mine.buffer, mine.byteOffset).getUint32(OFF.FLAGS, true) & STATUS_FLAGS;
  if (fa !== fb) out.push(`flags: native ${fa.toString(16)} mine ${fb.toString(16)}`);
  for (let k = 0; k < 256; k += 16) {
    const a = hex(native, OFF.MEM + k, 16);
    const b = hex(mine, OFF.MEM + k, 16);
    if (a !== b) out.push(`mem+${k}: native ${a} mine ${b}`);
  }
  return out;
}
