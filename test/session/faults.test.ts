// Faults in untrusted code are reported as ZeroVM reports a signal, and the limits end a session:
// wall-clock Timeout, the deterministic instruction budget, the Memory budget.
import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildAsm } from './lib/build-asm.ts';
import { BIG, memChannels } from './lib/channels.ts';

const program = (body: string[]): Uint8Array => buildAsm(['        .include "nacl.inc"', '        .text', 'NFUNC _start', ...body, '        .section .rodata', 'ro:', '        .long 1', ''].join('\n'));
const run = (nexe: Uint8Array, options = {}) => new Session(nexe, memChannels().channels, options).run();

describe('faults', () => {
  const cases: { name: string; body: string[]; signal: number; rip: number; address: number; kind: string }[] = [
    { name: 'a load from the null guard', body: ['        xor %eax, %eax', '        mov (%r15,%rax,1), %edi'], signal: 11, rip: 0x20002, address: 0, kind: 'unmapped' },
    { name: 'a store into rodata', body: ['        .bundle_lock', '        mov $ro, %eax', '        movl $1, (%r15,%rax,1)', '        .bundle_unlock'], signal: 11, rip: 0x20005, address: 0x30000, kind: 'write-protected' },
    { name: 'hlt', body: ['        nop', '        hlt'], signal: 11, rip: 0x20001, address: 0x20001, kind: 'halt' },
    { name: 'a division by zero', body: ['        xor %ecx, %ecx', '        div %ecx'], signal: 8, rip: 0x20002, address: 0x20002, kind: 'divide-error' },
    { name: 'ud2', body: ['        ud2'], signal: 4, rip: 0x20000, address: 0x20000, kind: 'invalid-opcode' },
    {
      name: 'an unmasked SSE divide by zero',
      body: ['        movl $0x1d80, -4(%rsp)', '        ldmxcsr -4(%rsp)', '        xorps %xmm1, %xmm1', '        mov $1, %eax', '        cvtsi2sd %eax, %xmm0', '        divsd %xmm1, %xmm0'],
      signal: 8, rip: 0x20019, address: 0x20019, kind: 'simd-floating-point',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: Signal ${c.signal} from untrusted code at the instruction`, async () => {
      const r = await run(program(c.body));
      expect(r.ending).toBe('fault');
      expect(r.fault).toEqual({ kind: c.kind, signal: c.signal, rip: c.rip, address: c.address });
      expect(r.exitState).toBe(`Signal ${c.signal} from untrusted code: Halting at 0x${c.rip.toString(16)}`);
      expect(r.status).toBe(4); // EINTR
      expect(r.reportText.split('\n')[5]).toBe(r.exitState);
    });
  }

  it('running off the end of text into the hlt padding', async () => {
    const r = await run(program(['        nop']));
    expect(r.fault?.kind).toBe('halt');
    expect(r.fault?.rip).toBe(0x20001);
  });
});

describe('host failures', () => {
  it('a device that fails on write ends the session with EIO, as ZeroVM does', async () => {
    const broken = { access: 'stream' as const, size: () => 0, read: () => 0, write: (): number => { throw new Error('disk on fire'); } };
    const c = memChannels();
    c.channels[1] = new Channel(broken, { alias: '/dev/stdout', type: 0, limits: BIG });
    const hello = buildAsm(['        .include "nacl.inc"', '        .text', 'NFUNC _start', '        mov $write_args, %edi', '        NSYSCALL 0', '        hlt', '        .data', '        .p2align 3', 'write_args:', '        .quad 0x74697257, 0, 1, write_args, 8, 0', ''].join('\n'));
    const r = await new Session(hello, c.channels).run();
    expect(r.ending).toBe('host-error');
    expect(r.status).toBe(5);
    expect(r.exitState).toContain('disk on fire');
  });
});

describe('limits', () => {
  const spin = program(['1:', '        jmp 1b']);

  it('the instruction budget ends a session after exactly that many instructions, across slices', async () => {
    const a = await run(spin, { instructionBudget: 100_003, sliceInstructions: 1000 });
    expect(a.ending).toBe('instruction-budget');
    expect(a.exitState).toBe('instruction budget exhausted');
    expect(a.status).toBe(4);
    expect(a.instructions).toBe(100_003);
  });

  it('the wall-clock timeout ends a spinning session', async () => {
    const r = await run(spin, { timeoutSeconds: 1 });
    expect(r.ending).toBe('timeout');
    expect(r.exitState).toBe('session timeout');
    expect(r.status).toBe(4);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(r.elapsedMs).toBeLessThan(5000);
  });

  it('the timeout also ends a session blocked on a channel that never delivers', async () => {
    const never = { access: 'stream' as const, size: () => 0, read: () => new Promise<number>(() => {}), write: () => 0 };
    const c = memChannels(never);
    const cat = buildAsm(['        .include "nacl.inc"', '        .text', 'NFUNC _start', '        mov $0, %edi', '        mov $buf, %esi', '        mov $16, %edx', '        NSYSCALL 12', '        hlt', '        .data', 'buf:', '        .fill 16, 1, 0', ''].join('\n'));
    const r = await new Session(cat, c.channels, { timeoutSeconds: 1 }).run();
    expect(r.ending).toBe('timeout');
  });

  it('a Memory budget that leaves no more than 8 MiB of heap is refused (ENOMEM)', async () => {
    const r = await run(spin, { memory: 24 << 20 });
    expect(r.ending).toBe('setup-failed');
    expect(r.status).toBe(12);
    expect(r.exitState).toMatch(/heap/);
    const ok = await run(program(['        mov $exit_args, %edi', '        NSYSCALL 0', '        .data', '        .p2align 3', 'exit_args:', '        .quad 0x74697845, 0, 5']), { memory: 26 << 20 });
    expect(ok.ending).toBe('exit');
    expect(ok.userCode).toBe(5);
  });
});
