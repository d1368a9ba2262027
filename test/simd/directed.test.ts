// Directed checks of what the random campaign cannot run natively: faults (#GP alignment, unmasked
// #XM, pending #MF), the documented stack-fault responses, MMX aliasing, fxsave/fxrstor round trips.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoded, decodeFast } from '../../src/decoder/index.ts';
import { FaultKind, FaultSignal } from '../../src/cpu/fault.ts';
import { execSimd } from '../../src/simd/exec.ts';
import { SimdFaultKind, SimdFaultSignal } from '../../src/simd/fault.ts';
import type { SimdHost } from '../../src/simd/interface.ts';
import { fxrstorImage, fxsaveImage } from '../../src/simd/save.ts';
import { SimdUnit } from '../../src/simd/state.ts';
import { ScratchMemory, SCRATCH } from './record.ts';
import { stateArb, buildRecord } from './gen.ts';

const d = new Decoded();

function machine() {
  const u = new SimdUnit();
  const R = new Int32Array(32);
  R[6] = SCRATCH + 128; // rbx
  const mem = new ScratchMemory(new Uint8Array(256));
  let flags = 0;
  const host: SimdHost = { R, mem, getFlags: () => flags, setFlags: (f) => { flags = f; } };
  /** Executes hex-encoded instructions ([rbx+disp8] memory operands). */
  const run = (hex: string): boolean => {
    const code = Uint8Array.from(hex.split(' ').map((b) => parseInt(b, 16)));
    expect(decodeFast(code, 0, code.length, d)).toBe(code.length);
    const ea = d.hasMem ? R[6] + d.disp : -1;
    return execSimd(u, d.form, d.reg, d.rm, ea, d.imm, (d.rex >> 3) & 1, host);
  };
  return { u, R, mem, host, run, flags: () => flags };
}

function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return null;
}

describe('simd faults and special cases', () => {
  it('leaves non-SIMD forms to the cpu', () => {
    const m = machine();
    expect(m.run('48 01 c8')).toBe(false); // add %rcx,%rax
    expect(m.run('f2 0f 38 f1 c1')).toBe(false); // crc32 %ecx,%eax
    expect(m.run('a5')).toBe(false); // movsl (string movsd, not the SSE2 one)
    expect(m.run('a7')).toBe(false); // cmpsl
  });

  it('faults (#GP) on a misaligned 16-byte operand of an aligned form only', () => {
    const m = machine();
    const e = thrown(() => m.run('0f 28 43 01')); // movaps 0x1(%rbx),%xmm0
    expect(e).toBeInstanceOf(FaultSignal);
    expect((e as FaultSignal).kind).toBe(FaultKind.GeneralProtection);
    expect(m.run('0f 10 43 01')).toBe(true); // movups 0x1(%rbx),%xmm0
    expect(thrown(() => m.run('66 0f 58 43 08'))).toBeInstanceOf(FaultSignal); // addpd 0x8(%rbx)
  });

  it('raises #XM for an unmasked exception and leaves the destination alone', () => {
    const m = machine();
    m.u.mxcsr = 0x1f80 & ~0x200; // ZE unmasked
    m.u.xf32[0] = 1;
    m.u.xf32[4] = 0;
    const e = thrown(() => m.run('f3 0f 5e c1')); // divss %xmm1,%xmm0
    expect(e).toBeInstanceOf(SimdFaultSignal);
    expect((e as SimdFaultSignal).kind).toBe(SimdFaultKind.SimdFloatingPoint);
    expect(m.u.xf32[0]).toBe(1);
    expect(m.u.mxcsr & 0x4).toBe(4);
  });

  it('rejects reserved MXCSR bits in ldmxcsr (#GP)', () => {
    const m = machine();
    m.mem.write32(SCRATCH + 128, 0x10000);
    const e = thrown(() => m.run('0f ae 53 00')); // ldmxcsr (%rbx)
    expect((e as FaultSignal).kind).toBe(FaultKind.GeneralProtection);
    m.mem.write32(SCRATCH + 128, 0x7f80);
    m.run('0f ae 53 00');
    expect(m.u.mxcsr).toBe(0x7f80);
  });

  it('gives the masked stack-fault responses: indefinite, IE|SF, C1 = 1 on overflow, 0 on underflow', () => {
    const m = machine();
    m.run('db e3'); // fninit
    for (let i = 0; i < 8; i++) m.run('d9 e8'); // fld1 x 8
    expect(m.u.statusWord() & 0x41).toBe(0);
    m.run('d9 e8'); // ninth push overflows
    expect(m.u.statusWord() & 0x241).toBe(0x241);
    const p = m.u.top;
    expect(m.u.signExp[p]).toBe(0xffff);
    expect(m.u.mi32[2 * p + 1] >>> 0).toBe(0xc0000000);
    m.run('db e3');
    m.run('d8 c1'); // fadd %st(1),%st on an empty stack
    expect(m.u.statusWord() & 0x241).toBe(0x41);
    expect(m.u.empty[m.u.top]).toBe(0);
    expect(m.u.signExp[m.u.top]).toBe(0xffff);
  });

  it('raises #MF at the next waiting x87 instruction after an unmasked exception', () => {
    const m = machine();
    m.run('db e3');
    m.mem.write16(SCRATCH + 128, 0x037b); // ZM clear
    m.run('d9 6b 00'); // fldcw (%rbx)
    m.run('d9 ee'); // fldz
    m.run('d9 e8'); // fld1
    m.run('d8 f1'); // fdiv %st(1),%st: 1/0, ZE unmasked -> ES
    expect(m.u.statusWord() & 0x8084).toBe(0x8084);
    const e = thrown(() => m.run('d9 e8'));
    expect((e as SimdFaultSignal).kind).toBe(SimdFaultKind.X87FloatingPoint);
    m.run('db e2'); // fnclex (non-waiting) clears it
    expect(m.run('d9 e8')).toBe(true);
  });

  it('aliases MMX registers to the x87 significands', () => {
    const m = machine();
    m.R[0] = 0x11223344;
    m.R[1] = 0x55667788;
    m.u.top = 5;
    m.run('48 0f 6e c8'); // movq %rax,%mm1
    expect(m.u.top).toBe(0);
    expect(m.u.mi32[2]).toBe(0x11223344);
    expect(m.u.mi32[3]).toBe(0x55667788);
    expect(m.u.signExp[1]).toBe(0xffff);
    expect(Array.from(m.u.empty)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    m.run('0f 77'); // emms
    expect(Array.from(m.u.empty)).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
  });

  it('round-trips any state through fxsave/fxrstor images and guest memory', () => {
    fc.assert(fc.property(stateArb, (s) => {
      const rec = new Uint8Array(928);
      buildRecord(s, new Uint8Array(0), rec, 0);
      const u = new SimdUnit();
      fxrstorImage(u, rec.subarray(0, 512));
      const again = new Uint8Array(512);
      fxsaveImage(u, again);
      for (const [from, to] of [[0, 6], [24, 28], [32, 416]]) {
        expect(Array.from(again.subarray(from, to))).toEqual(Array.from(rec.subarray(from, to)));
      }
      // fnsave then frstor through memory restores the x87 part exactly.
      const m = machine();
      fxrstorImage(m.u, rec.subarray(0, 512));
      m.run('dd 73 80'); // fnsave -0x80(%rbx)
      expect(m.u.empty.every((x) => x === 1)).toBe(true);
      m.run('dd 63 80'); // frstor -0x80(%rbx)
      const back = new Uint8Array(512);
      fxsaveImage(m.u, back);
      expect(Array.from(back.subarray(0, 6))).toEqual(Array.from(again.subarray(0, 6)));
      expect(Array.from(back.subarray(32, 160))).toEqual(Array.from(again.subarray(32, 160)));
    }), { numRuns: 200, seed: 5 });
  });
});
