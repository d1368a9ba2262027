// Property: whatever mix of gcc-style instructions goes in, the sandboxing
// pass's output, assembled by GNU as in bundle mode, passes our NaCl validator
// with no error and no call-alignment warning.
import { fc, test } from '@fast-check/vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { sandboxAssembly } from '../../src/toolchain/sandbox-asm.ts';
import { validateChunk } from '../../src/validator/index.ts';
import { padTo } from '../../src/validator/index.ts';
import { run } from './helpers.ts';

const work = mkdtempSync(path.join(tmpdir(), 'zvm-cc-prop-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const GPR64 = ['rax', 'rbx', 'rcx', 'rdx', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r12', 'r13', 'r14'];
const GPR32 = ['eax', 'ebx', 'ecx', 'edx', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r12d', 'r13d', 'r14d'];

const disp = fc.constantFrom('', '0', '8', '-4', '1024', '-70000', 'buf', 'buf+12');
const scale = fc.constantFrom('1', '2', '4', '8');

/** A memory operand in one of the shapes gcc -mx32 writes. */
const memory: fc.Arbitrary<string> = fc.oneof(
  fc.tuple(disp, fc.constantFrom(...GPR64, 'rsp', 'rbp')).map(([d, b]) => `${d}(%${b})`),
  fc.tuple(disp, fc.constantFrom(...GPR32)).map(([d, b]) => `${d}(%${b})`),
  fc.tuple(disp, fc.constantFrom(...GPR64, 'rsp', 'rbp'), fc.constantFrom(...GPR64, 'rbp'), scale)
    .map(([d, b, i, s]) => `${d}(%${b},%${i},${s})`),
  fc.tuple(fc.constantFrom(...GPR32), fc.constantFrom(...GPR32), scale).map(([b, i, s]) => `(%${b},%${i},${s})`),
  fc.tuple(fc.constantFrom('buf', 'buf+4'), fc.constantFrom(...GPR64), scale).map(([d, i, s]) => `${d}(,%${i},${s})`),
  fc.constantFrom('buf(%rip)', 'buf', 'buf+40'),
);

const memoryInstruction: fc.Arbitrary<string> = fc.tuple(
  fc.constantFrom(
    'movl M, %eax', 'movl %ecx, M', 'movq M, %rdx', 'addq $5, M', 'cmpb $3, M', 'movzbl M, %edx', 'movsbq M, %rsi',
    'movsd M, %xmm1', 'movups %xmm2, M', 'pushq M', 'popq M', 'incl M', 'lock xaddl %eax, M', 'imull M, %ecx',
    'fldl M', 'fstpl M', 'cmpxchgq %rcx, M', 'andw $7, M', 'call *M', 'jmp *M', 'movl M, %ebp', 'movq M, %rsp',
    'leal M, %eax', 'leaq M, %rax',
  ),
  memory,
).map(([t, m]) => t.replace('M', m));

const otherInstruction: fc.Arbitrary<string> = fc.oneof(
  fc.integer({ min: 1, max: 5000 }).chain((n) =>
    fc.constantFrom(`subq $${n}, %rsp`, `addq $${n}, %rsp`, `leaq ${n}(%rsp), %rsp`, `andq $-${n}, %rsp`, `subq $${n}, %rbp`)),
  fc.constantFrom(
    'popq %rbp', 'leave', 'ret', 'call .Lfunc', 'call *%rcx', 'call *%r14', 'jmp *%rax', 'jmp *%eax', 'rep stosb', 'rep movsl',
    'repne scasb', 'lodsb', 'cmpsb', 'movq %rax, %rsp', 'movq %rsp, %rbp', 'movq %rbp, %rsp', 'movl %eax, %ebp',
    'pushq %rbp', 'addl %eax, %ecx', 'jne .Lfunc', 'xorl %eax, %eax', 'leaq (%rax,%rbx,4), %rsp', 'leave',
  ),
);

function textBytes(object: string): Uint8Array {
  const bin = `${object}.text.bin`;
  const r = run('objcopy', ['-O', 'binary', '-j', '.text', object, bin]);
  if (r.status !== 0) throw new Error(r.stderr);
  return new Uint8Array(readFileSync(bin));
}

let counter = 0;

test.prop([fc.array(fc.oneof(memoryInstruction, otherInstruction), { minLength: 1, maxLength: 60 })], { numRuns: 40 })(
  'sandboxed output of random gcc-style instructions validates', (instructions) => {
    const source = [
      '\t.text', '\t.type .Lfunc, @function', '.Lfunc:', ...instructions.map((i) => `\t${i}`), '\tret',
      '\t.bss', 'buf:', '\t.zero 64',
    ].join('\n');
    const stem = path.join(work, `case${counter++}`);
    writeFileSync(`${stem}.s`, sandboxAssembly(source));
    const as = run('as', ['--64', '-o', `${stem}.o`, `${stem}.s`]);
    expect(as.stderr).toBe('');
    const code = padTo(textBytes(`${stem}.o`), 32, 0xf4);
    const result = validateChunk(code, { callAlignmentWarnings: true });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
  });
