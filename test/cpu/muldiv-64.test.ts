// 64-bit mul, imul and div/idiv against a BigInt model, with operands drawn around the paths that
// avoid BigInt (values below 2^32, sign-extended int32 values) and anywhere else: results, CF/OF
// and #DE must not depend on which path ran.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultSignal } from '../../src/cpu/fault.ts';
import { SandboxMemory } from '../../src/cpu/memory.ts';
import { divAcc, imulTrunc, mulAcc } from '../../src/cpu/muldiv.ts';
import { CpuState } from '../../src/cpu/state.ts';

const c = new CpuState(new SandboxMemory());
const M64 = (1n << 64n) - 1n;
const u64 = fc.oneof(
  fc.bigInt({ min: 0n, max: 0xffffffffn }),
  fc.bigInt({ min: -0x80000000n, max: 0x7fffffffn }).map((v) => BigInt.asUintN(64, v)),
  fc.constantFrom(0n, 1n, 0xffffffffn, 0x80000000n, 0x7fffffffn, 0xcccccccdn, 1n << 32n, 1n << 63n, M64),
  fc.bigInt({ min: 0n, max: M64 }),
);
const lo = (v: bigint): number => Number(v & 0xffffffffn) | 0;
const hi = (v: bigint): number => Number((v >> 32n) & 0xffffffffn) | 0;
const s64 = (v: bigint): bigint => BigInt.asIntN(64, v);

describe('64-bit multiply and divide', () => {
  it('imul r64, r/m64 (truncating): product, and CF/OF when they are live', () => {
    fc.assert(fc.property(u64, u64, fc.constantFrom(0x801, 0x800, 0x1, 0xd4, 0), (a, b, live) => {
      const r = imulTrunc(c, 64, lo(a), hi(a), lo(b), hi(b), live);
      const p = s64(a) * s64(b);
      expect([r, c.outHi]).toEqual([lo(p), hi(p)]);
      if (live & 0x801) expect(c.flags & 0x801).toBe(p === s64(p) ? 0 : 0x801);
    }), { numRuns: 20000 });
  });

  it('mul/imul r/m64 (one operand): rdx:rax and CF/OF', () => {
    fc.assert(fc.property(u64, u64, fc.boolean(), (a, b, signed) => {
      c.setBig(0, a);
      mulAcc(c, 64, signed, lo(b), hi(b), false);
      const p = signed ? s64(a) * s64(b) : a * b;
      expect([c.getBig(0), c.getBig(2)]).toEqual([BigInt.asUintN(64, p), BigInt.asUintN(64, p >> 64n)]);
      expect(c.flags & 0x801).toBe((signed ? p === s64(p) : p >> 64n === 0n) ? 0 : 0x801);
    }), { numRuns: 20000 });
  });

  it('div/idiv r/m64: quotient, remainder and #DE', () => {
    const dividendHigh = fc.oneof(fc.constant(0n), fc.constant(M64), u64);
    fc.assert(fc.property(dividendHigh, u64, u64, fc.boolean(), (h, l, d, signed) => {
      c.setBig(2, h);
      c.setBig(0, l);
      const n = signed ? BigInt.asIntN(128, (h << 64n) | l) : (h << 64n) | l;
      const dv = signed ? s64(d) : d;
      const q = dv === 0n ? undefined : n / dv;
      const fits = q !== undefined && (signed ? q === s64(q) : q >> 64n === 0n);
      let faulted = false;
      try {
        divAcc(c, 64, signed, lo(d), hi(d), false);
      } catch (e) {
        if (!(e instanceof FaultSignal)) throw e;
        faulted = true;
      }
      expect(faulted).toBe(!fits);
      if (fits) expect([c.getBig(0), c.getBig(2)]).toEqual([BigInt.asUintN(64, q!), BigInt.asUintN(64, n % dv)]);
    }), { numRuns: 20000 });
  });
});
