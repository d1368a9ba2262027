// The interpreter's shortcuts must be invisible: nop runs retired in one dispatch stop exactly at
// the budget, and the quick address path of register loads/stores faults like the general one.
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
import { assemble } from './lib/asm.ts';

const TEXT = 0x20000, DATA = 0x40000;

function machine(source: string): Machine {
  const code = assemble(source);
  const mem = new SandboxMemory();
  mem.poke(TEXT, code);
  mem.protect(TEXT, 0x10000, Perm.RX);
  mem.protect(DATA, 0x10000, Perm.RW);
  const m = new Machine(mem, new Program(code, TEXT));
  m.setRip(TEXT);
  return m;
}

// nops of several encodings (1, 2, 4 and 9 bytes) between real instructions, inside a loop
const NOPS = 'nop; xchg %ax, %ax; nopl 0(%rax); nopw 0(%rax,%rax,1); nopw %cs:0(%rax,%rax,1)';
const PROGRAM = `mov $3, %ecx; 1: ${NOPS}; ${NOPS}; add $1, %eax; cmp $0, %eax; ${NOPS}; dec %ecx; jnz 1b; ${NOPS}; hlt`;

describe('nop runs', () => {
  it('every budget stops at exactly that many instructions, at the same rip as single steps', () => {
    const stepper = machine(PROGRAM);
    const rips: number[] = [stepper.state.rip];
    for (;;) {
      const r = stepper.run(1);
      rips.push(stepper.state.rip);
      if (r.kind !== 'budget-exhausted') break;
    }
    const total = stepper.state.icount;
    expect(total).toBeGreaterThan(40);
    for (let b = 1; b < total; b++) {
      const m = machine(PROGRAM);
      expect(m.run(b)).toEqual({ kind: 'budget-exhausted' });
      expect([b, m.state.icount, m.state.rip]).toEqual([b, b, rips[b]]);
    }
  });
  it('slices of any size give the same end state as one run', () => {
    const whole = machine(PROGRAM);
    const end = whole.run(1e6);
    for (const slice of [2, 3, 5, 7, 11]) {
      const m = machine(PROGRAM);
      let r = m.run(slice);
      while (r.kind === 'budget-exhausted') r = m.run(slice);
      expect(r).toEqual(end);
      expect([m.state.icount, m.state.getBig(0)]).toEqual([whole.state.icount, whole.state.getBig(0)]);
    }
  });
});

describe('quick addresses of register loads and stores', () => {
  const cases: [string, string, number][] = [
    ['a negative sum wraps below 0', 'xor %eax, %eax; mov -4(%rax), %ebx; hlt', 2 ** 32],
    ['a 64-bit store just below 0', 'mov $4, %eax; mov %rbx, -8(%rax); hlt', 2 ** 32],
    ['an index with a high half', `mov $1, %ecx; shl $32, %rcx; mov $${DATA}, %eax; mov (%rax,%rcx,1), %ebx; hlt`, 2 ** 32],
    ['a base with a high half', `mov $1, %eax; shl $32, %rax; add $${DATA}, %rax; mov %ebx, (%rax); hlt`, 2 ** 32],
    ['a sum just past 4 GiB', 'mov $0xffffffff, %eax; mov 2(%rax), %ebx; hlt', 2 ** 32],
  ];
  for (const [what, source, atLeast] of cases) {
    it(`${what} faults as unmapped`, () => {
      const r = machine(source).run(100);
      expect(r.kind === 'fault' && r.fault.kind).toBe('unmapped');
      expect(r.kind === 'fault' && r.fault.address).toBeGreaterThanOrEqual(atLeast);
    });
  }
  it('in-sandbox loads and stores through base, index and scale reach the right bytes', () => {
    const m = machine(`mov $${DATA}, %eax; mov $3, %ecx; mov $0x11223344, %edx; mov %edx, 8(%rax,%rcx,4);` +
      ` mov $0x55667788, %esi; shl $32, %rsi; or %rdx, %rsi; mov %rsi, 0x40(%rax); mov 0x14(%rax), %edi; mov 0x40(%rax), %r8; hlt`);
    const r = m.run(100);
    expect(r.kind === 'fault' && r.fault.kind).toBe('halt');
    expect(m.state.getBig(7)).toBe(0x11223344n);
    expect(m.state.getBig(8)).toBe(0x5566778811223344n);
  });
});
