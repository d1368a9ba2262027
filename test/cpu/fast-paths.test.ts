// The interpreter's shortcuts must be invisible: nop runs retired in one dispatch stop exactly at
// the budget, the quick address path of register loads/stores faults like the general one, and
// an ALU op + jcc fused with live flags ends like the pair run one step at a time (unfused).
import { describe, expect, it } from 'vitest';
import { Machine } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
import { K } from '../../src/cpu/kinds.ts';
import { rflags } from '../../src/cpu/flags.ts';
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

describe('fused ALU + jcc with flags live after the branch', () => {
  const CCS = ['o', 'no', 'b', 'ae', 'e', 'ne', 'be', 'a', 's', 'ns', 'p', 'np', 'l', 'ge', 'le', 'g'];
  const VALUES = [0n, 1n, 0x7fffffffn, 0x80000000n, 0xffffffffn, 0x100000000n, 0x7fffffffffffffffn,
    0x8000000000000000n, 0xffffffffffffffffn, 0x123456789abcdef0n];
  // each snippet at a 64-byte boundary: the flags are read (lahf, seto) after the branch
  const program = (op: string, wide: boolean): string => CCS.map((cc) => {
    const [a, b] = wide ? ['%rax', '%rbx'] : ['%eax', '%ebx'];
    return `.p2align 6; ${op} ${b}, ${a}; j${cc} 1f; mov $7, %ecx; 1: lahf; seto %dl; hlt`;
  }).join('\n');
  for (const op of ['cmp', 'sub', 'test', 'and', 'add', 'or', 'xor']) {
    for (const wide of [false, true]) {
      it(`${op} (${wide ? 64 : 32} bits) with every cc`, () => {
        const code = assemble(program(op, wide));
        const mem = new SandboxMemory();
        mem.poke(TEXT, code);
        mem.protect(TEXT, 0x10000, Perm.RX);
        const prog = new Program(code, TEXT);
        let fusedKinds = 0;
        for (let k = 0; k < CCS.length; k++) {
          const kind = prog.kind[prog.indexOf(TEXT + 64 * k)];
          if (kind === K.AluJcc32L || kind === K.AluJcc64L) fusedKinds++;
        }
        // add/or/xor fuse only with the result-only conditions (e, ne, s, ns, p, np); wide add/or/xor never
        const plain = op === 'add' || op === 'or' || op === 'xor';
        expect(fusedKinds).toBe(plain ? (wide ? 0 : 6) : 16);
        for (let k = 0; k < CCS.length; k++) {
          for (const a of VALUES) {
            for (const b of VALUES) {
              const ends = [1e6, 1].map((budget) => {
                const m = new Machine(mem, prog);
                m.state.setBig(0, a); m.state.setBig(3, b);
                m.setRip(TEXT + 64 * k);
                let r = m.run(budget);
                while (r.kind === 'budget-exhausted') r = m.run(budget);
                return [r.kind, m.state.icount, ...[0, 1, 2, 3].map((x) => m.state.getBig(x)), rflags(m.state)];
              });
              expect(ends[0], `${op} j${CCS[k]} ${a} ${b}`).toEqual(ends[1]);
            }
          }
        }
      });
    }
  }
});

describe('quick push and pop', () => {
  const at = (source: string, rsp: bigint) => {
    const m = machine(source);
    m.state.setBig(4, rsp);
    return { m, r: m.run(100) };
  };
  it('a push below address 8 faults past the sandbox, rsp unchanged', () => {
    for (const rsp of [0n, 4n, 7n]) {
      const { m, r } = at('push %rax; hlt', rsp);
      expect(r).toEqual({ kind: 'fault', fault: { kind: 'unmapped', address: 2 ** 32, rip: TEXT } });
      expect(m.state.getBig(4)).toBe(rsp);
    }
  });
  it('a push to the unmapped null page faults there', () => {
    const { r } = at('push %rax; hlt', 8n);
    expect(r).toEqual({ kind: 'fault', fault: { kind: 'unmapped', address: 0, rip: TEXT } });
  });
  it('a pop at the top of the sandbox faults, rsp unchanged', () => {
    for (const rsp of [0xfffffff8n, 0xfffffffcn, 0xffffffffn]) {
      const { m, r } = at('pop %rax; hlt', rsp);
      expect(r.kind === 'fault' && r.fault.kind).toBe('unmapped');
      expect(m.state.getBig(4)).toBe(rsp);
    }
  });
  it('push and pop round-trip 64-bit values and move rsp by 8', () => {
    const { m, r } = at('mov $0x8877665544332211, %rax; push %rax; push %rax; pop %rbx; pop %rcx; push %rbx; hlt', BigInt(DATA + 0x100));
    expect(r.kind === 'fault' && r.fault.kind).toBe('halt');
    expect([m.state.getBig(3), m.state.getBig(1), m.state.getBig(4)])
      .toEqual([0x8877665544332211n, 0x8877665544332211n, BigInt(DATA + 0xf8)]);
  });
});
