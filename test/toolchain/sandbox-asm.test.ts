// The sandboxing pass as a pure function: exact rewrites of the forms gcc
// produces, and clear rejections (with the C source line) of what it cannot sandbox.
import { describe, expect, it } from 'vitest';
import { nop, nopSizes } from '../../src/toolchain/nop-bytes.ts';
import { sandboxAssembly } from '../../src/toolchain/sandbox-asm.ts';
import { SandboxError } from '../../src/toolchain/sandbox-error.ts';
import { padTo, validateChunk } from '../../src/validator/index.ts';

/** The rewritten statements of a function body, without the header lines and padding bytes. */
function rewrite(body: string): string[] {
  const out = sandboxAssembly(`\t.text\n${body}\n`);
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && l !== '.text' && l !== '.bundle_align_mode 5' && !l.startsWith('.byte'));
}

function nopBytes(body: string): number {
  const out = sandboxAssembly(`\t.text\n${body}\n`);
  return out.split('\n').filter((l) => l.trim().startsWith('.byte')).reduce((n, l) => n + l.split(',').length, 0);
}

function rejection(asm: string): SandboxError {
  try {
    sandboxAssembly(asm);
  } catch (e) {
    if (e instanceof SandboxError) return e;
    throw e;
  }
  throw new Error('expected a SandboxError');
}

describe('memory operands', () => {
  it('computes a register-based address into %r11d and uses it as the index of %r15, bundle-locked', () => {
    expect(rewrite('movl 8(%rdi), %eax')).toEqual([
      '.bundle_lock', 'leal\t8(%rdi), %r11d', 'movl\t(%r15,%r11,1), %eax', '.bundle_unlock',
    ]);
  });

  it('widens 32-bit address registers (the 0x67 prefix is forbidden)', () => {
    expect(rewrite('movsd (%edi,%esi,8), %xmm0')).toEqual([
      '.bundle_lock', 'leal\t(%rdi,%rsi,8), %r11d', 'movsd\t(%r15,%r11,1), %xmm0', '.bundle_unlock',
    ]);
  });

  it('routes symbol+index operands through the same 32-bit lea (wraps like an x32 address)', () => {
    expect(rewrite('movl %eax, table(,%rsi,4)')).toEqual([
      '.bundle_lock', 'leal\ttable(,%rsi,4), %r11d', 'movl\t%eax, (%r15,%r11,1)', '.bundle_unlock',
    ]);
  });

  it('gives absolute addresses %r15 as base', () => {
    expect(rewrite('movl counter+4, %eax')).toEqual(['movl\tcounter+4(%r15), %eax']);
  });

  it('keeps %rsp-, %rbp- and %rip-based operands without an index', () => {
    for (const ins of ['movl\t-20(%rbp), %eax', 'movq\t%rax, 8(%rsp)', 'movsd\t.LC0(%rip), %xmm0']) {
      expect(rewrite(ins)).toEqual([ins]);
    }
  });

  it('sandboxes %rsp-based operands that have an index', () => {
    expect(rewrite('movl 16(%rsp,%rax,4), %edx')).toEqual([
      '.bundle_lock', 'leal\t16(%rsp,%rax,4), %r11d', 'movl\t(%r15,%r11,1), %edx', '.bundle_unlock',
    ]);
  });

  it('turns a 32-bit-address lea with a 64-bit destination into a 32-bit lea', () => {
    expect(rewrite('leaq (%eax,%edx), %rcx')).toEqual(['leal\t(%rax,%rdx), %ecx']);
    expect(rewrite('leal 4(%rdi,%rsi,2), %eax')).toEqual(['leal\t4(%rdi,%rsi,2), %eax']);
  });

  it('prefixes string instructions with the %rsi/%rdi rebases, in the required order', () => {
    expect(rewrite('rep stosq')).toEqual([
      '.bundle_lock', 'movl\t%edi, %edi', 'leaq\t(%r15,%rdi,1), %rdi', 'rep stosq', '.bundle_unlock',
    ]);
    expect(rewrite('rep movsb')).toEqual([
      '.bundle_lock', 'movl\t%esi, %esi', 'leaq\t(%r15,%rsi,1), %rsi', 'movl\t%edi, %edi', 'leaq\t(%r15,%rdi,1), %rdi',
      'rep movsb', '.bundle_unlock',
    ]);
  });
});

describe('%rsp and %rbp', () => {
  it('adjusts %rsp with a 32-bit op and an add of %r15', () => {
    expect(rewrite('subq $40, %rsp')).toEqual(['.bundle_lock', 'subl\t$40, %esp', 'addq\t%r15, %rsp', '.bundle_unlock']);
    expect(rewrite('subq %rax, %rsp')).toEqual(['.bundle_lock', 'subl\t%eax, %esp', 'addq\t%r15, %rsp', '.bundle_unlock']);
  });

  it('rebases flag-preserving updates with lea, so live flags survive', () => {
    expect(rewrite('leaq 16(%rsp), %rsp')).toEqual([
      '.bundle_lock', 'leal\t16(%rsp), %esp', 'leaq\t(%rsp,%r15,1), %rsp', '.bundle_unlock',
    ]);
  });

  it('keeps the directly allowed forms', () => {
    for (const ins of ['movq\t%rsp, %rbp', 'movq\t%rbp, %rsp', 'andq\t$-16, %rsp']) expect(rewrite(ins)).toEqual([ins]);
  });

  it('rewrites an and-mask that has no imm8 form', () => {
    expect(rewrite('andq $-4096, %rsp')).toEqual(['.bundle_lock', 'andl\t$-4096, %esp', 'addq\t%r15, %rsp', '.bundle_unlock']);
  });

  it('loads %rsp from memory as 32 bits, then rebases (longjmp)', () => {
    expect(rewrite('movq 40(%rdi), %rsp')).toEqual([
      '.bundle_lock', 'leal\t40(%rdi), %r11d', 'movl\t(%r15,%r11,1), %esp', 'leaq\t(%rsp,%r15,1), %rsp', '.bundle_unlock',
    ]);
  });

  it('replaces pop %rbp and leave (both forbidden) with a pop into %r11 and a rebase', () => {
    expect(rewrite('popq %rbp')).toEqual([
      'popq\t%r11', '.bundle_lock', 'movl\t%r11d, %ebp', 'leaq\t0(%rbp,%r15,1), %rbp', '.bundle_unlock',
    ]);
    expect(rewrite('leave')).toEqual([
      'movq\t%rbp, %rsp', 'popq\t%r11', '.bundle_lock', 'movl\t%r11d, %ebp', 'leaq\t0(%rbp,%r15,1), %rbp', '.bundle_unlock',
    ]);
  });
});

describe('control flow', () => {
  it('turns ret into pop %r11 plus a nacljmp', () => {
    expect(rewrite('ret')).toEqual([
      'popq\t%r11', '.bundle_lock', 'andl\t$-32, %r11d', 'addq\t%r15, %r11', 'jmp\t*%r11', '.bundle_unlock',
    ]);
  });

  it('pads a direct call so that it ends exactly at a bundle end (27 bytes of nops + 5)', () => {
    expect(rewrite('call printf')).toEqual(['.bundle_lock', 'call\tprintf', '.bundle_unlock']);
    expect(nopBytes('call printf')).toBe(27);
  });

  it('copies an indirect call target to %r11 and calls it as a padded naclcall', () => {
    expect(rewrite('call *%rax')).toEqual([
      'movl\t%eax, %r11d', '.bundle_lock', 'andl\t$-32, %r11d', 'addq\t%r15, %r11', 'call\t*%r11', '.bundle_unlock',
    ]);
    expect(nopBytes('call *%rax')).toBe(22);
  });

  it('loads a memory-indirect target through the sandbox first', () => {
    expect(rewrite('jmp *8(%rbx)')).toEqual([
      '.bundle_lock', 'leal\t8(%rbx), %r11d', 'movl\t(%r15,%r11,1), %r11d', '.bundle_unlock',
      '.bundle_lock', 'andl\t$-32, %r11d', 'addq\t%r15, %r11', 'jmp\t*%r11', '.bundle_unlock',
    ]);
  });

  it('leaves direct and conditional jumps alone', () => {
    expect(rewrite('jne .L3')).toEqual(['jne\t.L3']);
    expect(rewrite('jmp memcpy')).toEqual(['jmp\tmemcpy']);
  });

  it('puts functions and address-taken labels on bundle starts, but not ordinary labels', () => {
    const out = rewrite('.type f, @function\nf:\n.L2:\n\tmovl $.L7, %eax\n.L7:\n\tnop');
    expect(out).toEqual(['.type f, @function', '.p2align 5', 'f:', '.L2:', 'movl\t$.L7, %eax', '.p2align 5', '.L7:', 'nop']);
  });

  it('aligns labels stored in data tables, ignoring debug sections', () => {
    const out = sandboxAssembly('\t.text\n.L4:\n\tnop\n.L5:\n\tnop\n\t.section .rodata\n\t.long .L4\n\t.section .debug_info\n\t.long .L5\n');
    expect(out).toMatch(/\.p2align 5\n\.L4:/);
    expect(out).not.toMatch(/\.p2align 5\n\.L5:/);
  });
});

describe('rejections name the C source line', () => {
  const located = (body: string): string => `\t.file 1 "prog.c"\n\t.text\n\t.loc 1 42 5\n${body}\n`;

  it.each([
    ['syscall', /system calls/],
    ['int $0x80', /software interrupts/],
    ['movl %fs:0, %eax', /segment override/],
    ['movq %rax, %r15', /%r15 holds the sandbox base/],
    ['addq $1, %r11', /%r11 is reserved/],
    ['popq %rsp', /pop %rsp/],
    ['rdtsc', /nondeterministic/],
    ['pushfq', /pushf/],
    ['inb %dx, %al', /port I\/O/],
    ['movb %al, %bpl', /%rbp may only change/],
    ['addr32 movl (%eax), %eax', /address-size prefix/],
    ['btsl %eax, (%rdi)', /register bit offset/],
    ['aesenc %xmm1, %xmm0', /AES and CLMUL/],
    ['andnl %eax, %ebx, %ecx', /BMI1/],
    ['vaddps %zmm1, %zmm2, %zmm3', /AVX-512/],
  ])('%s', (ins, reason) => {
    const e = rejection(located(`\t${ins}`));
    expect(e.message).toMatch(reason);
    expect(e.sourceLocation).toBe('prog.c:42');
    expect(e.asmLine).toBe(4);
    expect(e.message.startsWith(`prog.c:42: cannot sandbox '${ins}'`)).toBe(true);
  });

  it('falls back to the assembly line without .loc information', () => {
    const e = rejection('\t.text\n\tnop\n\tsyscall\n');
    expect(e.message).toBe("assembly line 3: cannot sandbox 'syscall': system calls must go through the NaCl trampolines (0x10000 + 32*n)");
  });

  it('refuses input that manages bundles itself', () => {
    expect(rejection('\t.bundle_lock\n').message).toMatch(/must not manage bundles/);
  });
});

it('is deterministic and leaves data directives untouched', () => {
  const asm = '\t.section .rodata\n.LC0:\n\t.string "a # not a comment"\n\t.text\n\tret\n';
  const out = sandboxAssembly(asm);
  expect(out).toBe(sandboxAssembly(asm));
  expect(out).toContain('.string "a # not a comment"');
});

describe('call padding', () => {
  it('spells out every size with few NOPs, each one NaCl accepts', () => {
    for (let n = 0; n <= 32; n++) { // one bundle at most: padding never exceeds 27 bytes
      const sizes = nopSizes(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(sizes.length).toBe(n === 9 ? 2 : Math.ceil(n / 15)); // no 9-byte NOP exists
      const code = padTo(Uint8Array.from(sizes.flatMap(nop)), 32, 0xf4);
      expect(validateChunk(code, {}).errors).toEqual([]);
    }
  });
});

it('keeps a prefix written as its own statement with its instruction', () => {
  expect(rewrite('rep; stosb')).toEqual([
    '.bundle_lock', 'movl\t%edi, %edi', 'leaq\t(%r15,%rdi,1), %rdi', 'rep stosb', '.bundle_unlock',
  ]);
  expect(rewrite('lock\n\taddl $1, (%rax)')).toEqual([
    '.bundle_lock', 'leal\t(%rax), %r11d', 'lock addl\t$1, (%r15,%r11,1)', '.bundle_unlock',
  ]);
});

it("drops gcc's debug sections but keeps .loc, and follows .pushsection/.popsection", () => {
  const out = sandboxAssembly([
    '\t.text', '\t.loc 1 3 1', '\tnop', '\t.section .debug_info,"",@progbits', '.Ldebug_info0:', '\t.long 0x29',
    '\t.text', '\t.pushsection .rodata', '\t.long 7', '\t.popsection', '\tnop', '',
  ].join('\n'));
  expect(out).toContain('.loc 1 3 1');
  expect(out).not.toMatch(/debug_info|Ldebug_info0|0x29/);
  expect(out).toMatch(/\.pushsection \.rodata\n\t\.long 7\n\t\.popsection\n\tnop/);
  expect(() => sandboxAssembly('\t.pushsection .rodata\n\tnop\n')).toThrow(/instructions outside a code section/);
});
