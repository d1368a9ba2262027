// Generates a NaCl program that makes a list of calls (ZeroVM trap with an argument array in .data,
// or a NaCl slot with register arguments), stores each %eax in `results`, writes the results to
// handle 1 as int32s with TrapWrite, and exits with TrapExit(0). Symbols: `buf` (4 KiB, writable),
// `ro` (read-only bytes), `results`.

export type Arg = number | bigint | string;
export type Call = { trap: Arg[] } | { trapRdi: Arg } | { slot: number; args: Arg[] };

const REGS = ['%edi', '%esi', '%edx', '%ecx'];
const lit = (a: Arg): string => (typeof a === 'string' ? a : String(a));

export function callProgram(calls: readonly Call[]): string {
  const text: string[] = [];
  const data: string[] = [];
  calls.forEach((c, k) => {
    if ('trap' in c) {
      data.push(`call${k}:`, `        .quad ${c.trap.map(lit).join(', ')}`);
      text.push(`        mov $call${k}, %edi`, '        NSYSCALL 0');
    } else if ('trapRdi' in c) {
      text.push(`        mov $${lit(c.trapRdi)}, %edi`, '        NSYSCALL 0');
    } else {
      c.args.forEach((a, i) => text.push(`        mov $${lit(a)}, ${REGS[i]}`));
      text.push(`        NSYSCALL ${c.slot}`);
    }
    text.push(`        mov %eax, results+${4 * k}(%rip)`);
  });
  return [
    '        .include "nacl.inc"',
    '        .text',
    'NFUNC _start',
    ...text,
    '        mov $write_results, %edi',
    '        NSYSCALL 0',
    '        mov $exit_args, %edi',
    '        NSYSCALL 0',
    '        hlt',
    '        .section .rodata',
    'ro:',
    '        .fill 64, 1, 7',
    '        .data',
    '        .p2align 3',
    ...data,
    'write_results:',
    `        .quad 0x74697257, 0, 1, results, ${4 * calls.length}, 0`,
    'exit_args:',
    '        .quad 0x74697845, 0, 0',
    'results:',
    `        .fill ${Math.max(1, calls.length)}, 4, 0`,
    '        .p2align 4',
    'buf:',
    '        .fill 4096, 1, 0',
    '',
  ].join('\n');
}

/** The results a call program wrote to stdout. */
export function results(stdout: Uint8Array): number[] {
  const v = new DataView(stdout.buffer, stdout.byteOffset, stdout.byteLength);
  return Array.from({ length: stdout.byteLength / 4 }, (_, i) => v.getInt32(4 * i, true));
}
