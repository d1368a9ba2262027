// fast-check generators for the differential campaign: an instruction of a chosen SIMD/x87 form
// (random registers, [rbx+disp8] memory over the scratch buffer, imm8) and a machine state whose
// values are weighted to floating-point and integer edge cases.
import fc from 'fast-check';
import { allForms, MandatoryPrefix, ModKind, OpMap, OperandKind, RegClass, type Form } from '../../src/decoder/index.ts';
import { FORM_MSIZE, resolveForm } from '../../src/simd/registry.ts';
import { OFF, REC } from './record.ts';

/** GPRs an instruction may name: rbx is the memory base; rsp, rbp and r12-r15 belong to the oracle. */
const GPRS = [0, 1, 2, 6, 7, 8, 9, 10, 11];
/** 16-byte memory forms that accept any alignment. */
const UNALIGNED = new Set(['movups', 'movupd', 'movdqu', 'lddqu', 'pcmpestri', 'pcmpestrm', 'pcmpistri', 'pcmpistrm',
  'pcmpestri64', 'pcmpestrm64']);
const ENV_SIZE: Record<string, number> = { fnstenv: 28, fldenv: 28, fnsave: 108, frstor: 108 };

export interface Choice {
  reg: number;
  rm: number;
  mem: boolean;
  w: number;
  rexX: number;
  off: number;
  imm: number;
}

function memSize(f: Form, w: number): number {
  resolveForm(f.id); // FORM_MSIZE is filled as forms are resolved
  const s = FORM_MSIZE[f.id];
  if (s === -1) return w ? 8 : 4;
  return ENV_SIZE[f.mnemonic] ?? (s === 0 ? 16 : s);
}

/** Encodes form `f` with the given choices (null when the choice does not fit the form). */
export function encode(f: Form, ch: Choice): Uint8Array | null {
  const out: number[] = [];
  if (f.prefix === MandatoryPrefix.P66) out.push(0x66);
  else if (f.prefix === MandatoryPrefix.PF3) out.push(0xf3);
  else if (f.prefix === MandatoryPrefix.PF2) out.push(0xf2);
  const mem = f.mod === ModKind.Mem ? true : f.mod === ModKind.Reg ? false : ch.mem;
  const regOp = f.operands.find((o) => o.kind === OperandKind.Reg);
  const rmOp = f.operands.find((o) => o.kind === OperandKind.RM || o.kind === OperandKind.RmReg || o.kind === OperandKind.Mem);
  const pickReg = (cls: number | undefined, v: number): number =>
    cls === RegClass.GPR ? GPRS[v % GPRS.length] : cls === RegClass.XMM ? v & 15 : v & 15; // MMX: REX bit ignored
  let reg = f.regExt >= 0 ? f.regExt : pickReg(regOp?.cls, ch.reg);
  let rm = mem ? 3 : f.operands.some((o) => o.kind === OperandKind.StI) ? ch.rm & 7 : pickReg(rmOp?.cls, ch.rm);
  if (f.rmExt >= 0) rm = f.rmExt;
  const w = f.w === 1 ? 1 : f.w === 0 ? 0 : ch.w;
  const rex = 0x40 | (w << 3) | ((reg >> 3) << 2) | (mem ? 0 : (rm >> 3) & 1) | ch.rexX << 1;
  if (f.map !== OpMap.Legacy || rex !== 0x40 || ch.rexX) {
    if (f.map === OpMap.Legacy && f.mnemonic.startsWith('f')) {
      // x87 forms: no REX needed; keep it anyway only when it carries bits.
      if (rex !== 0x40) out.push(rex);
    } else if (rex !== 0x40 || ch.rexX) out.push(rex);
  }
  if (f.map === OpMap.M0F) out.push(0x0f);
  else if (f.map === OpMap.M0F38) out.push(0x0f, 0x38);
  else if (f.map === OpMap.M0F3A) out.push(0x0f, 0x3a);
  else if (f.map !== OpMap.Legacy) return null;
  out.push(f.opcode);
  if (f.hasModrm) {
    reg &= 7;
    if (mem) {
      const size = memSize(f, w);
      let off = ch.off % (257 - Math.min(size, 256));
      if (size === 16 && !UNALIGNED.has(f.mnemonic)) off &= ~15;
      out.push(0x40 | (reg << 3) | 3, (off - 128) & 0xff);
    } else out.push(0xc0 | (reg << 3) | (rm & 7));
  }
  if (f.operands.some((o) => o.kind === OperandKind.Imm)) out.push(ch.imm & 0xff);
  return new Uint8Array(out);
}

export const choiceArb: fc.Arbitrary<Choice> = fc.record({
  reg: fc.nat(255), rm: fc.nat(255), mem: fc.boolean(), w: fc.nat(1), rexX: fc.constantFrom(0, 0, 0, 1),
  off: fc.nat(255),
  imm: fc.oneof(fc.nat(255), fc.nat(15), fc.constantFrom(0, 1, 2, 3, 4, 8, 0x1b, 0x4e, 0xb1, 0xe4, 0x0c, 0x40, 0x70)),
});

// ---- values ----

const F64_EDGES: [number, number][] = [
  [0, 0], [0x80000000, 0], [0x3ff00000, 0], [0xbff00000, 0], [0x3ff80000, 0], [0x00100000, 0], [0x00000000, 1],
  [0x000fffff, 0xffffffff], [0x7fefffff, 0xffffffff], [0x7ff00000, 0], [0xfff00000, 0], [0x7ff80000, 0],
  [0xfff80000, 0], [0x7ff00000, 1], [0x7ff40000, 0x1234], [0x41dfffff, 0xffc00000], [0x41e00000, 0],
  [0xc1e00000, 0], [0x43e00000, 0], [0xc3e00000, 0], [0x3fe00000, 0], [0x40040000, 0], [0x3fe00000, 1],
  [0x43300000, 0], [0x47efffff, 0xe0000000], [0x36a00000, 0], [0x80000000, 1], [0x3ff00000, 1], [0x40000000, 0],
];
const F32_EDGES = [0, 0x80000000, 0x3f800000, 0xbf800000, 0x3fc00000, 0x00800000, 1, 0x007fffff, 0x7f7fffff,
  0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0x4effffff, 0x4f000000, 0xcf000000,
  0x5f000000, 0xdf000000, 0x3f000000, 0x40200000, 0x3f000001, 0x4b000000, 0x80000001, 0x33800000, 0x40000000];

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const f64Lane: fc.Arbitrary<number[]> = fc.oneof(
  fc.constantFrom(...F64_EDGES).map(([hi, lo]) => [lo, hi]),
  fc.tuple(u32, u32),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }).map((x) => {
    const v = new DataView(new ArrayBuffer(8));
    v.setFloat64(0, x, true);
    return [v.getUint32(0, true), v.getUint32(4, true)];
  }),
  fc.tuple(fc.integer({ min: -1100, max: 1100 }), u32, u32).map(([e, a, b]) => {
    const exp = Math.max(0, Math.min(2047, 1023 + e));
    return [a, ((b & 0x800fffff) | (exp << 20)) >>> 0];
  }),
);
const f32Lane: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(...F32_EDGES), u32,
  fc.float({ min: -1e5, max: 1e5, noNaN: true }).map((x) => new Uint32Array(new Float32Array([x]).buffer)[0]),
  fc.tuple(fc.integer({ min: -140, max: 140 }), u32).map(([e, a]) => ((a & 0x807fffff) | (Math.max(0, Math.min(255, 127 + e)) << 23)) >>> 0),
);
const BYTE_EDGES = [0, 0, 0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x41, 0x61, 0x20, 0x30];

/** 16 bytes of a register or a memory slot. */
export const vec16: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.array(f64Lane, { minLength: 2, maxLength: 2 }).map((l) => new Uint8Array(new Uint32Array(l.flat()).buffer)),
  fc.array(f32Lane, { minLength: 4, maxLength: 4 }).map((l) => new Uint8Array(new Uint32Array(l).buffer)),
  fc.uint8Array({ minLength: 16, maxLength: 16 }),
  fc.array(fc.constantFrom(...BYTE_EDGES), { minLength: 16, maxLength: 16 }).map((l) => new Uint8Array(l)),
  fc.array(fc.constantFrom(0, 1, 2, 0x7fff, 0x8000, 0xffff, 0x7ffe, 0x8001, 0x00ff), { minLength: 8, maxLength: 8 })
    .map((l) => new Uint8Array(new Uint16Array(l).buffer)),
);

/** An 80-bit register value (10 bytes, little-endian). */
const f80Value: fc.Arbitrary<Uint8Array> = fc.oneof(
  // Normal numbers around 1 and across the range.
  fc.tuple(fc.integer({ min: -70, max: 70 }), u32, u32, fc.boolean()).map(([e, hi, lo, s]) => f80Bytes(s, 16383 + e, hi | 0x80000000, lo)),
  fc.tuple(fc.integer({ min: 1, max: 0x7ffe }), u32, u32, fc.boolean()).map(([e, hi, lo, s]) => f80Bytes(s, e, hi | 0x80000000, lo)),
  // Small integers (exact).
  fc.integer({ min: -1000, max: 1000 }).map((v) => intF80(v)),
  // Zeros, infinities, NaNs, denormals, unsupported encodings.
  fc.constantFrom(
    f80Bytes(false, 0, 0, 0), f80Bytes(true, 0, 0, 0), f80Bytes(false, 0x7fff, 0x80000000, 0), f80Bytes(true, 0x7fff, 0x80000000, 0),
    f80Bytes(true, 0x7fff, 0xc0000000, 0), f80Bytes(false, 0x7fff, 0xc0000000, 5), f80Bytes(false, 0x7fff, 0xa0000000, 0),
    f80Bytes(false, 0, 0x00000001, 0), f80Bytes(false, 0, 0, 1), f80Bytes(true, 0, 0x80000000, 0),
    f80Bytes(false, 0x3fff, 0x40000000, 0), f80Bytes(false, 0x3ffe, 0xffffffff, 0xffffffff),
    f80Bytes(false, 0x3fff, 0x80000000, 0), f80Bytes(false, 0x4000, 0xc90fdaa2, 0x2168c235),
  ),
);

function f80Bytes(sign: boolean, exp: number, hi: number, lo: number): Uint8Array {
  const b = new Uint8Array(10);
  const v = new DataView(b.buffer);
  v.setUint32(0, lo >>> 0, true);
  v.setUint32(4, hi >>> 0, true);
  v.setUint16(8, (sign ? 0x8000 : 0) | exp, true);
  return b;
}
function intF80(v: number): Uint8Array {
  if (v === 0) return f80Bytes(false, 0, 0, 0);
  const m = Math.abs(v);
  const bits = 32 - Math.clz32(m);
  return f80Bytes(v < 0, 16383 + bits - 1, (m << (32 - bits)) >>> 0, 0);
}

const gpr64: fc.Arbitrary<[number, number]> = fc.oneof(
  fc.integer({ min: -20, max: 20 }).map((v) => [v >>> 0, v < 0 ? 0xffffffff : 0] as [number, number]),
  fc.tuple(u32, fc.constant(0)),
  fc.tuple(u32, u32),
  fc.constantFrom<[number, number]>([0x80000000, 0xffffffff], [0x7fffffff, 0], [0, 0x80000000], [0xffffffff, 0x7fffffff]),
);

export interface MachineState {
  xmm: Uint8Array[];
  st: Uint8Array[];
  top: number;
  emptyMask: number;
  fcw: number;
  fsw: number;
  mxcsr: number;
  gprs: [number, number][];
  flags: number;
  mem: Uint8Array[];
}

// Values for the fast paths of src/simd/fast-float.ts and their boundaries: dyadic numbers (exact
// results), random significands at exponents around 1, around the square roots of the smallest
// normal and of the largest finite (products and quotients that land on either side of underflow
// and overflow, and Dekker's range guard at 2^-480 / 2^480), near the ends of the exponent range,
// with zeros, denormals, infinities and NaNs mixed in.
const bitsOf64 = (x: number): [number, number] => {
  const v = new DataView(new ArrayBuffer(8));
  v.setFloat64(0, x, true);
  return [v.getUint32(0, true), v.getUint32(4, true)];
};
const exp64 = fc.oneof(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -545, max: -475 }), fc.integer({ min: 475, max: 545 }),
  fc.integer({ min: -1023, max: -990 }), fc.integer({ min: 990, max: 1024 }));
const exp32 = fc.oneof(fc.integer({ min: -8, max: 8 }), fc.integer({ min: -72, max: -56 }), fc.integer({ min: 56, max: 72 }),
  fc.integer({ min: -127, max: -110 }), fc.integer({ min: 110, max: 128 }));
const fastF64Lane: fc.Arbitrary<number[]> = fc.oneof(
  { arbitrary: fc.tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: -8, max: 8 })).map(([k, e]) => bitsOf64(k * 2 ** e)), weight: 3 },
  { arbitrary: fc.tuple(exp64, u32, u32, fc.boolean(), fc.boolean()).map(([e, a, b, s, short]) =>
    [short ? 0 : a, ((s ? 0x80000000 : 0) | (b & (short ? 0xfff00 : 0xfffff)) | ((1023 + e) << 20)) >>> 0]), weight: 6 },
  { arbitrary: fc.constantFrom(...F64_EDGES).map(([hi, lo]) => [lo, hi]), weight: 1 },
);
const fastF32Lane: fc.Arbitrary<number> = fc.oneof(
  { arbitrary: fc.tuple(fc.integer({ min: -64, max: 64 }), fc.integer({ min: -8, max: 8 }))
    .map(([k, e]) => new Uint32Array(new Float32Array([k * 2 ** e]).buffer)[0]), weight: 3 },
  { arbitrary: fc.tuple(exp32, u32, fc.boolean(), fc.boolean()).map(([e, a, s, short]) =>
    ((s ? 0x80000000 : 0) | (a & (short ? 0x7f0000 : 0x7fffff)) | ((127 + e) << 23)) >>> 0), weight: 6 },
  { arbitrary: fc.constantFrom(...F32_EDGES), weight: 1 },
);
export const fastVec16: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.array(fastF64Lane, { minLength: 2, maxLength: 2 }).map((l) => new Uint8Array(new Uint32Array(l.flat()).buffer)),
  fc.array(fastF32Lane, { minLength: 4, maxLength: 4 }).map((l) => new Uint8Array(new Uint32Array(l).buffer)),
);

/** Machine states whose XMM registers and memory hold `vec` values. */
export function stateWith(vec: fc.Arbitrary<Uint8Array>): fc.Arbitrary<MachineState> {
  return fc.record({
  xmm: fc.array(vec, { minLength: 16, maxLength: 16 }),
  st: fc.array(f80Value, { minLength: 8, maxLength: 8 }),
  top: fc.nat(7),
  emptyMask: fc.oneof(fc.constant(0), fc.constant(0xff), fc.nat(255), fc.constantFrom(0x80, 0x01, 0xfe, 0x7f, 0xc0)),
  fcw: fc.tuple(fc.constantFrom(0, 2, 3, 3, 3), fc.nat(3)).map(([pc, rc]) => 0x007f | (pc << 8) | (rc << 10)),
  fsw: fc.tuple(fc.nat(0x3f), fc.boolean(), fc.nat(15)).map(([f, sf, cc]) =>
    f | (sf ? 0x40 : 0) | ((cc & 7) << 8) | ((cc >> 3) << 14)),
  mxcsr: fc.tuple(fc.nat(0x3f), fc.nat(3), fc.boolean(), fc.boolean(), fc.nat(3)).map(([f, rc, daz, ftz, sel]) =>
    sel === 0 ? 0x1f80 : 0x1f80 | f | (rc << 13) | (daz ? 0x40 : 0) | (ftz ? 0x8000 : 0)),
  gprs: fc.array(gpr64, { minLength: 16, maxLength: 16 }),
  flags: fc.nat(0xfff).map((f) => (f & 0x8d5) | 0x202),
  mem: fc.array(vec, { minLength: 16, maxLength: 16 }),
  });
}
export const stateArb: fc.Arbitrary<MachineState> = stateWith(vec16);

/** Builds the oracle record for a state and an instruction. */
export function buildRecord(s: MachineState, code: Uint8Array, out: Uint8Array, at: number): void {
  const r = out.subarray(at, at + REC);
  r.fill(0);
  const v = new DataView(r.buffer, r.byteOffset, REC);
  v.setUint16(0, s.fcw, true);
  v.setUint16(2, s.fsw | (s.top << 11), true);
  r[4] = ~s.emptyMask & 0xff;
  v.setUint32(24, s.mxcsr, true);
  v.setUint32(28, 0xffff, true);
  for (let i = 0; i < 8; i++) r.set(s.st[i], 32 + 16 * i);
  for (let i = 0; i < 16; i++) r.set(s.xmm[i], 160 + 16 * i);
  for (let i = 0; i < 16; i++) r.set(s.mem[i], OFF.MEM + 16 * i);
  for (let i = 0; i < 16; i++) {
    v.setUint32(OFF.GPR + 8 * i, s.gprs[i][0] >>> 0, true);
    v.setUint32(OFF.GPR + 8 * i + 4, s.gprs[i][1] >>> 0, true);
  }
  v.setUint32(OFF.FLAGS, s.flags, true);
  r.set(code, OFF.CODE);
  r[OFF.LEN] = code.length;
}

export { allForms };
