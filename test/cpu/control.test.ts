// Control flow and the other forms a one-instruction snippet cannot hold (branches, calls, ret,
// loops, multi-instruction string sequences), as small programs run natively by the harness and
// by the interpreter from the same random states.
import { describe, expect, it } from 'vitest';
import { assemble } from './lib/asm.ts';
import { difference } from './lib/compare.ts';
import { rng, type Snippet } from './lib/gen.ts';
import { runInterpreted } from './lib/interp.ts';
import { runNative } from './lib/native.ts';
import { scratchRegisters } from './lib/scratch.ts';

const PROGRAMS: Record<string, string> = {
  'counted loop with jnz': `mov $100, %ecx; xor %eax, %eax; 1: add %ecx, %eax; imul $3, %eax, %eax; dec %ecx; jnz 1b`,
  'cmp/jcc ladder': `
    cmp %rbx, %rax; jl 1f; add $1, %r8; 1: cmp %rbx, %rax; jb 2f; add $2, %r8; 2: test %ecx, %edx; js 3f
    add $4, %r8; 3: cmp $7, %al; jbe 4f; add $8, %r8; 4: sub %r9, %r10; jo 5f; add $16, %r8; 5: cmp %r11d, %r12d
    jg 6f; add $32, %r8; 6: cmp %r13, %r14; jae 7f; add $64, %r8; 7: add %rcx, %rdx; jp 8f; add $128, %r8; 8:`,
  'nested loops and 64-bit compares': `
    mov $9, %r8d; 1: mov $13, %r9d; 2: add %r9, %rax; rol $5, %rax; xor %r8, %rax; sub $1, %r9d; jnz 2b
    cmp $0, %r8; dec %r8; jg 1b`,
  'call and ret': `call 1f; add $5, %rax; jmp 2f; 1: add $3, %rax; shl $1, %rax; ret; 2: nop`,
  'ret imm16': `push %rbx; call 1f; jmp 2f; 1: ret $8; 2: add %rsp, %rax`,
  'recursion': `mov $10, %edi; call 1f; jmp 9f
    1: cmp $1, %edi; jbe 2f; push %rdi; dec %edi; call 1b; pop %rdi; push %rax; lea -2(%rdi), %edi; call 1b
    pop %rcx; add %rcx, %rax; ret; 2: mov %edi, %eax; ret; 9:`,
  'indirect jmp and call through registers and memory': `
    lea 1f(%rip), %rax; jmp *%rax; ud2; 1: lea 2f(%rip), %rcx; call *%rcx; jmp 3f; 2: add $7, %rdx; ret
    3: lea 4f(%rip), %rbx; mov %rbx, -8(%rsp); jmp *-8(%rsp); ud2; 4: lea 5f(%rip), %rbx; push %rbx; call *(%rsp)
    pop %rbx; jmp 6f; 5: xor $0x55, %rdx; ret; 6:`,
  'nacljmp and naclcall shapes': `
    lea 1f(%rip), %r11; and $-32, %r11d; add %r15, %r11; xor %r15d, %r15d; lea 1f(%rip), %r11; and $-32, %r11d
    add %r15, %r11; jmp *%r11; .p2align 5; 1: add $1, %rax; lea 2f(%rip), %r11; .p2align 5; .skip 22, 0x90
    and $-32, %r11d; add %r15, %r11; call *%r11; jmp 3f; .p2align 5; 2: add $9, %rax; pop %r11; and $-32, %r11d
    add %r15, %r11; jmp *%r11; 3: nop`,
  'loop, loope, loopne, jrcxz': `
    mov $20, %ecx; 1: add %rcx, %rax; loop 1b; mov $20, %ecx; 2: inc %rbx; cmp $5, %rbx; loopne 2b
    mov $7, %rcx; 3: add $3, %rdx; test $1, %dl; loope 3b; jrcxz 4f; add $100, %rdx; 4: xor %ecx, %ecx; jrcxz 5f
    add $1000, %rdx; 5:`,
  'rep movs and stos, both directions': `
    lea 0x400(%rsi), %rsi; lea 0xa00(%rdi), %rdi; mov $37, %ecx; rep movsb; mov $9, %ecx; rep stosq; std
    mov $11, %ecx; rep movsw; mov $5, %ecx; rep stosl; cld`,
  'repe cmps and repne scas': `
    lea 0x300(%rsi), %rsi; lea 0x300(%rdi), %rdi; mov $64, %ecx; repe cmpsb; mov %al, (%rdi); mov $90, %ecx
    repne scasb; mov $16, %ecx; repe scasq`,
  'overlapping rep movsb replicates the pattern': `
    lea 0x400(%rsi), %rsi; lea 0x403(%rsi), %rdi; mov $200, %ecx; rep movsb`,
  'setcc, cmovcc and sbb chains after cmp': `
    cmp %rbx, %rax; setb %cl; setl %ch; cmovg %rdx, %r8; sbb %r9, %r9; cmp %eax, %ebx; seta %dl; cmovle %esi, %r10d
    adc $0, %r11`,
};

/** Sets the memory registers: rsi/rdi at the scratch page, rsp inside it. */
function state(seed: number, code: Uint8Array): Snippet {
  const r = rng(seed);
  const regs = scratchRegisters(r);
  for (const k of [0, 1, 2, 3]) if (r() < 0.3) regs[k] &= 0xffn;
  return { c: { code, flags: 0x2 | (Math.floor(r() * 4096) & 0x8d5), seed: Math.floor(r() * 2 ** 32), regs }, undefinedFlags: 0, forms: [] };
}

describe('control flow against the host CPU', () => {
  for (const [name, source] of Object.entries(PROGRAMS)) {
    it(name, () => {
      const code = assemble(source.replace(/\n/g, ';'));
      const snippets = Array.from({ length: 40 }, (_, k) => state(k * 7919 + code.length, code));
      const native = runNative(snippets.map((s) => s.c));
      for (let k = 0; k < snippets.length; k++) {
        expect(native[k].kind).toBe('ok');
        expect(difference(snippets[k], native[k], runInterpreted(snippets[k].c))).toBeNull();
      }
    });
  }
});
