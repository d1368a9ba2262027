// Random instruction snippets generated from the decoder's instruction table: every GP form the
// interpreter implements, with random prefixes, REX bits, operand sizes, registers, immediates and
// memory operands that land in the scratch page (register-based in the first instruction, RIP-relative
// in later ones), string instructions over overlapping buffers, flag consumers after every producer.
// The randomness comes from a fast-check integer (the seed), so fast-check reports a reproducible
// counterexample.
import { Decoded, Flow, formAt, allForms, ModKind, NaclFact, OperandKind, OpMap, RegClass, Width, decodeFast, type Form } from '../../../src/decoder/index.ts';
import { formExtraAt } from '../../../src/decoder/forms.ts';
import { PREFIX_ANY } from '../../../src/decoder/spec.ts';
import { K, opKind } from '../../../src/cpu/kinds.ts';
import type { NativeCase } from './native.ts';
import { CODE, SCRATCH, SCRATCH_SIZE, fillScratch } from './scratch.ts';
import { HOST_IS_REFERENCE } from './host.ts';

import { rng } from '../../decoder/encode-form.ts';

export { rng };
type Rng = () => number;
const int = (r: Rng, n: number): number => Math.floor(r() * n);
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[int(r, xs.length)];

const EXCLUDED = new Set<number>([K.Invalid, K.Cpuid, K.Rdtsc, K.Hlt, K.Ud]);
const IMPLICIT_MEMORY = new Set<number>([K.Push, K.Pop, K.Movs, K.Cmps, K.Stos, K.Lods, K.Scas, K.Cmpxchg8b, K.Cmpxchg16b]);
const STRING = new Set<number>([K.Movs, K.Cmps, K.Stos, K.Lods, K.Scas]);
const NO_ACCESS = new Set<number>([K.Lea, K.Nop]);
const MAPS = new Set<number>([OpMap.Legacy, OpMap.M0F, OpMap.M0F38]);

/** Forms a snippet may contain: GP, implemented, no control flow. */
export const SNIPPET_FORMS: readonly Form[] = allForms().filter((f) =>
  MAPS.has(f.map) && f.flow === Flow.None && !EXCLUDED.has(opKind(f)) &&
  f.operands.every((o) => o.cls === RegClass.GPR && o.kind !== OperandKind.Moffs && o.kind !== OperandKind.XlatMem &&
    o.kind !== OperandKind.Imm2));
const REG_ONLY_FORMS = SNIPPET_FORMS.filter((f) => f.mod !== ModKind.Mem && !IMPLICIT_MEMORY.has(opKind(f)));
/** Forms for the instructions after the first: their memory operands are RIP-relative (the scratch
 * page is within 2 GiB of the code), so they need no address registers that earlier ones may change. */
const LATER_FORMS = SNIPPET_FORMS.filter((f) => !IMPLICIT_MEMORY.has(opKind(f)));
const PRODUCER_KINDS = new Set<number>([K.Alu, K.Inc, K.Dec]);
const PRODUCER_FORMS = REG_ONLY_FORMS.filter((f) => PRODUCER_KINDS.has(opKind(f)));

/** Flags each condition code reads (o no b ae e ne be a s ns p np l ge le g). */
const JCC_READS = [0x800, 0x800, 1, 1, 0x40, 0x40, 0x41, 0x41, 0x80, 0x80, 4, 4, 0x880, 0x880, 0x8c0, 0x8c0];

/** Flags a form leaves undefined that the comparison must mask: none on the reference host (the
 * interpreter follows it), else the table's. */
const undefinedBy = (f: Form): number => (HOST_IS_REFERENCE ? 0 : f.flagsUndefined);

const VSIZED = new Set<number>([Width.V, Width.Z, Width.Y, Width.D64, Width.S]);

interface MemOperand { base: number; index: number; scale: number; disp: number }
/** `ripDisp`: where the disp32 of a RIP-relative operand starts in `bytes` (-1: none). */
interface Encoded { bytes: number[]; mem: MemOperand | null; addr32: boolean; ripDisp: number }

function imm(r: Rng, size: number): number[] {
  const special = [0, 1, 0x7f, 0x80, 0xff, 0x1f, 0x20, 0x3f, 0x40];
  const out: number[] = [];
  for (let k = 0; k < size; k++) out.push(r() < 0.15 ? pick(r, special) : int(r, 256));
  if (size === 1 && r() < 0.3) out[0] = int(r, 70); // shift counts around the interesting range
  return out;
}

/** Encodes one random instance of form f (a memory operand: register-based, or RIP-relative with `rip`). */
function encode(r: Rng, f: Form, memOk: boolean, rip = false): Encoded {
  const x = formExtraAt(f.id);
  const kind = opKind(f);
  const vSized = f.osz !== 'byte' && f.operands.some((o) => o.cls === RegClass.GPR && VSIZED.has(o.width));
  let osz = 32;
  if (x.opSizeReq) osz = x.opSizeReq;
  else if (f.osz === 'd64') osz = r() < 0.85 ? 64 : 16;
  else if (vSized || STRING.has(kind)) osz = pick(r, [16, 32, 32, 64, 64]);
  if (f.w === 1) osz = 64;
  let rexW = osz === 64 && f.osz !== 'd64' ? 1 : 0;
  if (f.w === 0) rexW = 0;
  const pre: number[] = [];
  let useMem = false;
  if (f.hasModrm && f.rmExt < 0) useMem = f.mod === ModKind.Mem || (f.mod === ModKind.Any && memOk && r() < 0.5);
  if (useMem && (f.nacl & NaclFact.LockAllowed) && r() < 0.25) pre.push(0xf0);
  // 67: 32-bit address size (NaCl refuses it, the architecture does not): the address wraps at 4 GiB
  const addr32 = (useMem || STRING.has(kind)) && r() < 0.08;
  if (addr32) pre.push(0x67);
  if (osz === 16 && f.osz !== 'byte' && x.prefixMatch !== 1) pre.push(0x66);
  if (x.prefixMatch === 1) pre.push(0x66);
  if (x.prefixMatch === 2) pre.push(0xf3);
  if (x.prefixMatch === 3) pre.push(0xf2);
  if (x.prefixMatch === PREFIX_ANY && STRING.has(kind)) {
    const rr = r();
    if (rr < 0.4 && (f.nacl & (NaclFact.RepAllowed | NaclFact.CondRepAllowed))) pre.push(0xf3);
    else if (rr < 0.6 && (f.nacl & NaclFact.CondRepAllowed)) pre.push(0xf2);
  }
  let rexR = int(r, 2), rexX = int(r, 2), rexB = int(r, 2);
  const body: number[] = [];
  if (f.map === OpMap.M0F) body.push(0x0f);
  if (f.map === OpMap.M0F38) body.push(0x0f, 0x38);
  const opReg = f.operands.some((o) => o.kind === OperandKind.OpReg);
  body.push(f.opcode + (opReg ? int(r, 8) : 0));
  let mem: MemOperand | null = null;
  let ripDisp = -1;
  if (f.hasModrm) {
    const reg = f.regExt >= 0 ? f.regExt : int(r, 8);
    if (f.rmExt >= 0) body.push(0xc0 | (reg << 3) | f.rmExt);
    else if (!useMem) body.push(0xc0 | (reg << 3) | int(r, 8));
    else if (rip) {
      // mod 00, rm 101: RIP + disp32 whatever REX.B says; the displacement is patched by the caller
      body.push((reg << 3) | 5);
      ripDisp = body.length;
      body.push(0, 0, 0, 0);
    } else {
      const base = int(r, 16);
      const useIndex = r() < 0.5;
      let index = -1;
      if (useIndex) { do index = int(r, 16); while (index === 4 || index === base); }
      const scaleBits = int(r, 4);
      let mod = int(r, 3);
      if ((base & 7) === 5 && mod === 0) mod = 1;
      const sib = useIndex || (base & 7) === 4;
      body.push((mod << 6) | (reg << 3) | (sib ? 4 : base & 7));
      rexB = base >> 3;
      if (sib) {
        rexX = useIndex ? index >> 3 : 0;
        body.push((scaleBits << 6) | ((useIndex ? index : 4) & 7) << 3 | (base & 7));
      }
      let disp = 0;
      if (mod === 1) { disp = int(r, 256) - 128; body.push(disp & 0xff); }
      if (mod === 2) {
        disp = int(r, 4096) - 2048;
        body.push(disp & 0xff, (disp >> 8) & 0xff, (disp >> 16) & 0xff, (disp >> 24) & 0xff);
      }
      mem = { base, index, scale: useIndex ? 1 << scaleBits : 1, disp };
    }
  }
  for (const o of f.operands) {
    if (o.kind !== OperandKind.Imm) continue;
    const size = o.width === Width.B ? 1 : o.width === Width.W ? 2 : o.width === Width.D ? 4
      : o.width === Width.Z ? (osz === 16 ? 2 : 4) : osz === 64 ? 8 : osz === 16 ? 2 : 4;
    body.push(...imm(r, size));
  }
  const rexBits = (rexW << 3) | (rexR << 2) | (rexX << 1) | rexB;
  const rex = rexBits !== 0 || r() < 0.25 ? [0x40 | rexBits] : [];
  return { bytes: [...pre, ...rex, ...body], mem, addr32, ripDisp: ripDisp < 0 ? -1 : pre.length + rex.length + ripDisp };
}

function value64(r: Rng): bigint {
  const specials = [0n, 1n, 2n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n,
    0xffffffffn, 0x100000000n, 0x7fffffffffffffffn, 0x8000000000000000n, 0xffffffffffffffffn];
  const t = r();
  if (t < 0.3) return pick(r, specials);
  if (t < 0.45) return BigInt(int(r, 64));
  if (t < 0.6) return BigInt(int(r, 2 ** 32));
  return (BigInt(int(r, 2 ** 32)) << 32n) | BigInt(int(r, 2 ** 32));
}

export interface Snippet {
  readonly c: NativeCase;
  /** Flags the architecture leaves undefined at the end of the snippet. */
  readonly undefinedFlags: number;
  readonly forms: readonly number[];
}

const decoded = new Decoded();
const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);

/** Generates one snippet of 1..3 instructions from a seed. */
export function snippet(seed: number): Snippet {
  const r = rng(seed);
  for (;;) {
    const s = attempt(r);
    if (s) return s;
  }
}

function attempt(r: Rng): Snippet | null {
  const count = r() < 0.6 ? 1 : r() < 0.8 ? 1 + int(r, 3) : 1 + int(r, 6);
  const regs: bigint[] = Array.from({ length: 16 }, () => value64(r));
  regs[4] = BigInt(SCRATCH + 0x800);
  const seed = int(r, 2 ** 32);
  const scratch = new Uint8Array(SCRATCH_SIZE);
  fillScratch(scratch, seed);
  const dv = new DataView(scratch.buffer);
  const code: number[] = [];
  const forms: number[] = [];
  let undef = 0;
  const pinned = new Set<number>();
  for (let n = 0; n < count; n++) {
    const later = n > 0 && r() < 0.3;
    const f = n === 0 ? pick(r, SNIPPET_FORMS) : pick(r, later ? LATER_FORMS : REG_ONLY_FORMS);
    const e = encode(r, f, n === 0 || later, later);
    if (e.ripDisp >= 0) {
      let off = 256 + int(r, SCRATCH_SIZE - 512);
      if (f.mnemonic === 'cmpxchg16b' && r() < 0.8) off &= ~15;
      const disp = SCRATCH + off - (CODE + code.length + e.bytes.length);
      for (let k = 0; k < 4; k++) e.bytes[e.ripDisp + k] = (disp >> (8 * k)) & 0xff;
    }
    const bytes = Uint8Array.from(e.bytes);
    const len = decodeFast(bytes, 0, bytes.length, decoded);
    if (len !== bytes.length) return null;
    const df = formAt(decoded.form);
    const kind = opKind(df);
    if (EXCLUDED.has(kind) || df.flow !== Flow.None || df.operands.some((o) => o.cls !== RegClass.GPR)) return null;
    if (n > 0 && (decoded.hasMem && !NO_ACCESS.has(kind) && e.ripDisp < 0 || IMPLICIT_MEMORY.has(kind))) return null;
    // a register bit offset addresses memory beyond the operand: only where its register is set up
    if (e.ripDisp >= 0 && kind === K.Bt && df.operands[1].kind === OperandKind.Reg) return null;
    if (df.flagsRead & undef) return null; // would observe an undefined flag
    if (n === 0) {
      if (STRING.has(kind)) {
        regs[6] = BigInt(SCRATCH + 0x400 + int(r, 0x100));
        regs[7] = BigInt(SCRATCH + 0xa00 + int(r, 0x100));
        // overlapping source and destination (forward copies replicate, backward ones do not)
        if (r() < 0.3) regs[7] = regs[6] + BigInt(int(r, 81) - 40);
        regs[1] = BigInt(r() < 0.05 ? 100 + int(r, 28) : int(r, 25)); // (the page ends 0x500 above rdi)
        if (e.addr32) for (const k of [1, 6, 7]) regs[k] |= BigInt(int(r, 2 ** 32)) << 32n;
      }
      if (kind === K.Div || kind === K.Idiv) {
        const t = r();
        regs[2] = t < 0.5 ? 0n : t < 0.75 ? ((regs[0] >> 63n) & 1n ? U64(-1n) : 0n) : regs[2];
      }
      if (e.mem && !NO_ACCESS.has(kind)) {
        const m = e.mem;
        let off = 256 + int(r, SCRATCH_SIZE - 512);
        if (kind === K.Cmpxchg16b && r() < 0.8) off &= ~15;
        const idx = m.index >= 0 ? BigInt(int(r, 64)) : 0n;
        if (m.index >= 0) { regs[m.index] = idx; pinned.add(m.index); }
        regs[m.base] = U64(BigInt(SCRATCH + off - m.disp) - idx * BigInt(m.scale));
        // with 67 only the low 32 bits of the address registers count: put garbage above them
        if (e.addr32 && m.base !== 4) regs[m.base] |= BigInt(int(r, 2 ** 32)) << 32n;
        // an rsp base is also the stack pointer: keep the stack inside the scratch page
        if (m.base === 4 && (regs[4] < BigInt(SCRATCH + 64) || regs[4] > BigInt(SCRATCH + SCRATCH_SIZE - 64))) return null;
        pinned.add(m.base);
        if (kind === K.Bt && df.operands[1].kind === OperandKind.Reg) {
          if (pinned.has(decoded.reg)) return null;
          regs[decoded.reg] = U64(BigInt(int(r, 1024) - 512));
        }
        if ((kind === K.Cmpxchg8b || kind === K.Cmpxchg || kind === K.Cmpxchg16b) && r() < 0.5 &&
            !pinned.has(0) && !pinned.has(2)) {
          const lo = BigInt(dv.getUint32(off, true)), hi = BigInt(dv.getUint32(off + 4, true));
          if (kind === K.Cmpxchg8b) { regs[0] = lo; regs[2] = hi; }
          else if (kind === K.Cmpxchg16b) {
            regs[0] = lo | (hi << 32n);
            regs[2] = BigInt(dv.getUint32(off + 8, true)) | (BigInt(dv.getUint32(off + 12, true)) << 32n);
          } else regs[0] = lo | (hi << 32n);
        }
      } else if (kind === K.Cmpxchg && !e.mem && r() < 0.5) {
        regs[0] = regs[decoded.rm];
      }
    }
    if ((kind === K.Shld || kind === K.Shrd) && decoded.opSize === 16 && !HOST_IS_REFERENCE) {
      // 16-bit double shifts by more than 16 leave result and flags undefined (Intel and AMD differ)
      if (df.operands[2].kind === OperandKind.Imm) { if ((decoded.imm & 31) > 16) return null; }
      else if (n > 0 || pinned.has(1)) return null;
      else regs[1] = (regs[1] & ~0xffn) | BigInt(int(r, 17));
    }
    code.push(...e.bytes);
    forms.push(decoded.form);
    // a shift by a masked count of 0 writes no flags: keep what was undefined
    const shifts = kind === K.Shift || kind === K.Shld || kind === K.Shrd;
    undef = (shifts ? undef : undef & ~df.flagsWritten) | undefinedBy(df);
  }
  if (r() < 0.3) {
    // A conditional branch over one instruction X, then Y: [last][jcc +len(X)][X = sub][Y = cmp].
    // X and Y write every status flag, so the flags are dead after the jcc and the interpreter
    // fuses the flag producer with it; the registers show whether the branch was taken. Sometimes
    // Y is a mov instead: the flags then stay live to the end (the fused kinds that record them).
    if (r() < 0.6) {
      // a fresh flag producer right before the jcc (the pairs the interpreter fuses)
      const e = encode(r, pick(r, PRODUCER_FORMS), false);
      const b = Uint8Array.from(e.bytes);
      if (decodeFast(b, 0, b.length, decoded) !== b.length) return null;
      const pf = formAt(decoded.form);
      if (pf.operands.some((o) => o.cls !== RegClass.GPR) || (pf.flagsRead & undef)) return null;
      code.push(...e.bytes);
      forms.push(decoded.form);
      undef = (undef & ~pf.flagsWritten) | undefinedBy(pf);
    }
    const cc = int(r, 16);
    if (JCC_READS[cc] & undef) return null;
    const rex = (): number => 0x40 | (int(r, 2) << 3) | (int(r, 2) << 2) | int(r, 2);
    const x = [rex(), 0x29, 0xc0 | (int(r, 8) << 3) | int(r, 8)];
    const live = r() < 0.35;
    const y = [rex(), live ? 0x89 : 0x39, 0xc0 | (int(r, 8) << 3) | int(r, 8)];
    for (const [bytes, name] of [[[0x70 + cc, x.length], 'jcc'], [x, 'sub'], [y, live ? 'mov' : 'cmp']] as const) {
      code.push(...bytes);
      const b = Uint8Array.from(bytes);
      if (decodeFast(b, 0, b.length, decoded) !== b.length || formAt(decoded.form).mnemonic.slice(0, 1) !== name.slice(0, 1)) {
        throw new Error(`gen: ${name} encoding`);
      }
      forms.push(decoded.form);
    }
    // taken: the flags before the jcc survive (their undefined ones too); not taken: sub's, all defined
    if (!live) undef = 0;
  }
  const flags = 0x2 | (int(r, 4096) & 0x8d5) | (r() < 0.2 ? 0x400 : 0);
  return { c: { code: Uint8Array.from(code), flags, seed, regs }, undefinedFlags: undef & 0x8d5, forms };
}
