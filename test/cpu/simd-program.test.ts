// SSE2 double arithmetic and x87 in small programs run by the interpreter (the src/simd units wired
// into the machine): against the host CPU from random states, and against JS doubles where exact.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { assemble } from './lib/asm.ts';
import { difference } from './lib/compare.ts';
import { rng, type Snippet } from './lib/gen.ts';
import { runInterpreted } from './lib/interp.ts';
import { runNative } from './lib/native.ts';
import { scratchRegisters } from './lib/scratch.ts';

// Inputs: eax, rbx, ecx (integers); outputs in r8..r14, dl/r13b (flags of the compares) and memory.
const PROGRAM = `
  cvtsi2sd %eax, %xmm0; cvtsi2sd %rbx, %xmm1; cvtsi2sd %ecx, %xmm2
  mulsd %xmm0, %xmm1; addsd %xmm2, %xmm1; movapd %xmm1, %xmm3; divsd %xmm0, %xmm3
  sqrtsd %xmm3, %xmm4; subsd %xmm2, %xmm3
  cvttsd2si %xmm1, %r8; cvttsd2si %xmm3, %r9; cvttsd2si %xmm4, %r10d; cvtsd2si %xmm3, %r11
  movq %xmm4, %r12; comisd %xmm0, %xmm1; seta %dl; ucomisd %xmm4, %xmm4; setp %r13b
  movsd %xmm3, -16(%rsp); fldl -16(%rsp); mov %ecx, -24(%rsp); fildl -24(%rsp); fmulp
  fld %st(0); fmul %st(0), %st(0); fistpq -32(%rsp); fistpq -40(%rsp)
  mov -32(%rsp), %r14; mov -40(%rsp), %r15`;

// fcmov reads flags an integer compare left (they must stay live across the x87 loads); fcomi,
// ptest and pcmpistri write them for the following setcc/cmov/jcc.
const FLAG_PROGRAM = `
  cmp %rbx, %rax; fld1; fldz; fcmovb %st(1), %st; fcmovnbe %st(1), %st; fistpl -8(%rsp); fstp %st(0)
  mov -8(%rsp), %r8d; cvtsi2sd %eax, %xmm0; cvtsi2sd %ebx, %xmm1; movsd %xmm0, -16(%rsp); movsd %xmm1, -24(%rsp)
  fldl -16(%rsp); fldl -24(%rsp); fcomip %st(1), %st; fstp %st(0); setb %r9b; sete %r10b; cmova %rcx, %r11
  movq %rax, %xmm2; movq %rbx, %xmm3; ptest %xmm3, %xmm2; setz %r12b; setc %r13b; pcmpistri $0x08, %xmm3, %xmm2
  jc 1f; add $1, %r14; 1: mov %ecx, %r15d`;

function state(seed: number, code: Uint8Array): Snippet {
  const r = rng(seed);
  const regs = scratchRegisters(r);
  // small operands now and then: exact products and quotients, integer conversions in range
  if (r() < 0.5) regs[0] &= 0xfffn;
  if (r() < 0.5) regs[3] = (regs[3] & 0xfffffn) - 0x80000n;
  if (r() < 0.3) regs[0] = 0n; // division by zero: infinities and NaNs, indefinite integers
  return { c: { code, flags: 0x2 | (Math.floor(r() * 4096) & 0x8d5), seed: Math.floor(r() * 2 ** 32), regs }, undefinedFlags: 0, forms: [] };
}

describe('SSE2 and x87 programs', () => {
  it.each([['arithmetic and conversions', PROGRAM], ['flags in and out', FLAG_PROGRAM]])('%s: match the host CPU from random states', (_, source) => {
    const code = assemble(source.replace(/\n/g, ';'));
    const snippets = Array.from({ length: 300 }, (_, k) => state(k * 7919 + 17, code));
    const native = runNative(snippets.map((s) => s.c));
    for (let k = 0; k < snippets.length; k++) {
      expect(native[k].kind).toBe('ok');
      expect(difference(snippets[k], native[k], runInterpreted(snippets[k].c))).toBeNull();
    }
  });

  it('compute what JS doubles compute (single IEEE operations, exact integer products)', () => {
    const code = assemble(`
      cvtsi2sd %eax, %xmm0; cvtsi2sd %ebx, %xmm1; cvtsi2sd %ecx, %xmm2
      mulsd %xmm1, %xmm0; addsd %xmm2, %xmm0; divsd %xmm1, %xmm0; sqrtsd %xmm0, %xmm3
      cvttsd2si %xmm0, %r8; cvttsd2si %xmm3, %r9; movq %xmm3, %r10
      mov %eax, -8(%rsp); fildl -8(%rsp); mov %ebx, -8(%rsp); fimull -8(%rsp); fistpq -16(%rsp); mov -16(%rsp), %r11
      movabs $0x3fe0000000000000, %r13; mov %r13, -24(%rsp); mov %ecx, -8(%rsp); fildl -8(%rsp); fldl -24(%rsp); fmulp; fistpq -16(%rsp); mov -16(%rsp), %r12`.replace(/\n/g, ';'));
    const int = fc.integer({ min: 1, max: 2 ** 31 - 1 });
    fc.assert(fc.property(int, int, int, (a, b, cc) => {
      const s = state(a ^ b, code);
      s.c.regs[0] = BigInt(a); s.c.regs[3] = BigInt(b); s.c.regs[1] = BigInt(cc);
      const out = runInterpreted(s.c);
      if (out.kind !== 'ok') throw new Error(`program ended with ${out.kind}`);
      const x = (a * b + cc) / b;
      const bits = new DataView(new ArrayBuffer(8));
      bits.setFloat64(0, Math.sqrt(x), true);
      expect(out.regs[8]).toBe(BigInt(Math.trunc(x)));
      expect(out.regs[9]).toBe(BigInt(Math.trunc(Math.sqrt(x))));
      expect(out.regs[10]).toBe(bits.getBigUint64(0, true));
      expect(out.regs[11]).toBe(BigInt(a) * BigInt(b)); // 64-bit significand: the product is exact
      const h = Math.floor(cc / 2); // fistp rounds cc/2 to nearest, ties to even
      expect(out.regs[12]).toBe(BigInt(cc % 2 === 1 && h % 2 === 1 ? h + 1 : h));
    }), { numRuns: 200 });
  });

  // one native process per case: the programs leave MXCSR / the x87 control word changed
  it.each([
    ['unmasked #XM (divide by zero)', 'or $1, %eax; cvtsi2sd %eax, %xmm0; xorpd %xmm1, %xmm1; movl $0x1d80, -8(%rsp); ldmxcsr -8(%rsp); divsd %xmm1, %xmm0'],
    ['pending unmasked #MF at the next x87 instruction', 'fldz; fld1; movw $0x37b, -8(%rsp); fldcw -8(%rsp); fdivp; fld1'],
    ['misaligned movaps (#GP)', 'movaps 1(%rsi), %xmm0'],
    ['aligned movaps and movntdq', 'movaps 16(%rsi), %xmm0; movntdq %xmm0, 48(%rdi); paddd %xmm0, %xmm0; movdqu %xmm0, 67(%rdi)'],
  ])('%s: the same outcome as the host CPU', (name, source) => {
    const code = assemble(source);
    for (let k = 0; k < 3; k++) {
      const s = state(k + 1, code);
      const [native] = runNative([s.c]);
      expect(difference(s, native, runInterpreted(s.c))).toBeNull();
      expect(native.kind).toBe(name.startsWith('aligned') ? 'ok' : 'sig');
    }
  });

  it('a memory-only form encoded with a register operand is #UD', () => {
    const code = Uint8Array.of(0x0f, 0x2b, 0xc1); // movntps with mod = 3
    const s = state(1, code);
    expect(runInterpreted(s.c)).toEqual({ kind: 'sig', signal: 4 });
  });
});
