// Sandbox behaviour: every bad access or instruction ends the run with the right typed fault (never
// a host exception); trampolines reach the host; the budget stops runs; rdtsc/cpuid are fixed.
import { describe, expect, it } from 'vitest';
import { Feature } from '../../src/decoder/index.ts';
import { IMPLEMENTED_FEATURES } from '../../src/cpu/cpuid.ts';
import { Machine, type TrampolineHandler } from '../../src/cpu/machine.ts';
import { Perm, SandboxMemory } from '../../src/cpu/memory.ts';
import { Program } from '../../src/cpu/program.ts';
import { assemble } from './lib/asm.ts';

const TEXT = 0x20000, RODATA = 0x30000, DATA = 0x40000, STACK_TOP = 0x60000;

function machine(source: string, handler: TrampolineHandler | null = null): Machine {
  const code = assemble(source);
  const mem = new SandboxMemory();
  mem.poke(TEXT, code);
  mem.protect(TEXT, 0x10000, Perm.RX);
  mem.protect(RODATA, 0x10000, Perm.R);
  mem.protect(DATA, 0x20000, Perm.RW);
  mem.protect(0x10000, 0x10000, Perm.RX); // trampolines
  const m = new Machine(mem, new Program(code, TEXT), handler);
  m.state.set64(4, STACK_TOP - 64, 0);
  m.setRip(TEXT);
  return m;
}

/** Runs until the final hlt; returns the result. */
const run = (m: Machine, budget = 1_000_000) => m.run(budget);

describe('typed faults', () => {
  it('reading the unmapped null page', () => {
    const m = machine('mov $0x100, %eax; mov (%rax), %ebx; hlt');
    expect(run(m)).toEqual({ kind: 'fault', fault: { kind: 'unmapped', address: 0x100, rip: TEXT + 5 } });
  });
  it('an address beyond 4 GiB, and one that wraps below 0', () => {
    const m = machine('mov $1, %eax; shl $32, %rax; add $16, %rax; mov (%rax), %ebx; hlt');
    const r = run(m);
    expect(r.kind === 'fault' && r.fault.kind).toBe('unmapped');
    expect(r.kind === 'fault' && r.fault.address).toBeGreaterThanOrEqual(2 ** 32);
    const w = machine('mov $4, %eax; movq $1, -8(%rax); hlt');
    const r2 = run(w);
    expect(r2.kind === 'fault' && r2.fault.kind).toBe('unmapped');
  });
  it('the last bytes of the sandbox: a read crossing 4 GiB faults', () => {
    const m = machine('mov $0xfffffffe, %eax; mov (%r15,%rax,1), %ebx; hlt');
    m.mem.protect(0xffff0000, 0x10000, Perm.RW);
    const r = run(m);
    expect(r.kind === 'fault' && r.fault.kind).toBe('unmapped');
  });
  it('writing text and rodata', () => {
    const t = machine(`movl $0, ${TEXT + 0x10}(%r15); hlt`);
    expect(run(t)).toEqual({ kind: 'fault', fault: { kind: 'write-protected', address: TEXT + 0x10, rip: TEXT } });
    const r = machine(`mov $${RODATA}, %edi; movb $1, 3(%rdi); hlt`);
    expect(run(r)).toEqual({ kind: 'fault', fault: { kind: 'write-protected', address: RODATA + 3, rip: TEXT + 5 } });
    // reading rodata is fine
    const ok = machine(`mov $${RODATA}, %edi; mov 3(%rdi), %eax; hlt`);
    expect(run(ok)).toEqual({ kind: 'fault', fault: { kind: 'halt', address: TEXT + 8, rip: TEXT + 8 } });
  });
  it('a store straddling into a read-only page faults without writing', () => {
    const m = machine(`mov $${RODATA - 2}, %edi; movl $0x11223344, (%rdi); hlt`);
    m.mem.protect(RODATA - 0x10000, 0x10000, Perm.RW);
    expect(run(m).kind).toBe('fault');
    expect(m.mem.u8[RODATA - 2]).toBe(0);
  });
  it('divide by zero and quotient overflow', () => {
    const z = machine('xor %ecx, %ecx; mov $5, %eax; div %ecx; hlt');
    expect(run(z)).toEqual({ kind: 'fault', fault: { kind: 'divide-error', address: TEXT + 7, rip: TEXT + 7 } });
    const o = machine('mov $0x80000000, %eax; cltd; mov $-1, %ecx; idiv %ecx; hlt');
    const r = run(o);
    expect(r.kind === 'fault' && r.fault.kind).toBe('divide-error');
    const q = machine('mov $1, %edx; mov $0, %eax; mov $1, %ecx; div %ecx; hlt');
    expect(run(q).kind === 'fault' && (run(q) as { fault: { kind: string } }).fault.kind).toBe('divide-error');
  });
  it('forms without a handler and register-only lea are #UD', () => {
    expect(run(machine('nop; .byte 0x0f, 0xff, 0xc0'))).toEqual({ kind: 'fault', fault: { kind: 'invalid-opcode', address: TEXT + 1, rip: TEXT + 1 } });
    expect(run(machine('nop; .byte 0x8d, 0xc1'))).toEqual({ kind: 'fault', fault: { kind: 'invalid-opcode', address: TEXT + 1, rip: TEXT + 1 } });
  });
  it('ud2 and hlt', () => {
    expect(run(machine('nop; ud2'))).toEqual({ kind: 'fault', fault: { kind: 'invalid-opcode', address: TEXT + 1, rip: TEXT + 1 } });
    expect(run(machine('nop; nop; hlt'))).toEqual({ kind: 'fault', fault: { kind: 'halt', address: TEXT + 2, rip: TEXT + 2 } });
  });
  it('a jump into the middle of an instruction', () => {
    const m = machine('lea 1f+1(%rip), %rax; jmp *%rax; 1: mov $1, %eax; hlt');
    const r = run(m);
    expect(r).toEqual({ kind: 'fault', fault: { kind: 'bad-jump-target', address: TEXT + 10, rip: TEXT + 7 } });
  });
  it('a misaligned cmpxchg16b', () => {
    const m = machine(`mov $${DATA + 8}, %edi; cmpxchg16b (%rdi); hlt`);
    expect(run(m)).toEqual({ kind: 'fault', fault: { kind: 'general-protection', address: TEXT + 5, rip: TEXT + 5 } });
  });
  it('a stack outside the sandbox', () => {
    const m = machine('push %rax; hlt');
    m.state.set64(4, 4, 1);
    expect(run(m).kind === 'fault').toBe(true);
  });
});

describe('trampolines', () => {
  it('a call into slot n reaches the handler and returns to the caller', () => {
    const seen: number[] = [];
    const m = machine(`mov $${0x10000 + 32 * 5}, %eax; call *%rax; add $1, %rax; hlt`, (slot, mm) => {
      seen.push(slot, mm.state.getLo(4) >>> 0);
      mm.state.set64(0, 41, 0);
    });
    const r = run(m);
    expect(r).toEqual({ kind: 'fault', fault: { kind: 'halt', address: TEXT + 11, rip: TEXT + 11 } });
    expect(seen).toEqual([5, STACK_TOP - 72]); // the return address is on the stack
    expect(m.state.getLo(0)).toBe(42);
    expect(m.state.getLo(4) >>> 0).toBe(STACK_TOP - 64);
  });
  it('a direct call and the naclcall form', () => {
    const slots: number[] = [];
    // a direct call at TEXT to 0x10000 (rel32 spelled out: a flat binary has no relocations)
    const m = machine(`.byte 0xe8; .long ${0x10000 - (TEXT + 5)}; mov $${0x10000 + 32 * 30 + 7}, %r11d; and $-32, %r11d
      add %r15, %r11; call *%r11; hlt`, (slot) => { slots.push(slot); });
    const r = run(m);
    expect(r.kind === 'fault' && r.fault.kind).toBe('halt');
    expect(slots).toEqual([0, 30]);
  });
  it('a stack full of trampoline addresses is handled iteratively (no host recursion)', () => {
    let calls = 0;
    const m = machine(`mov $${DATA}, %esp; mov $0x10000, %eax; jmp *%rax; hlt`, () => { calls++; });
    // 0x20000 bytes of return addresses, all into slot 1, then a text address (the final hlt)
    for (let a = DATA; a < DATA + 0x1fff8; a += 8) m.mem.dv.setUint32(a, 0x10020, true);
    m.mem.dv.setUint32(DATA + 0x1fff8, TEXT + 12, true);
    const r = run(m);
    expect(r).toEqual({ kind: 'fault', fault: { kind: 'halt', address: TEXT + 12, rip: TEXT + 12 } });
    expect(calls).toBe(0x20000 / 8);
  });
  it('exit from a handler ends the run', () => {
    const m = machine('mov $0x10000, %eax; call *%rax; ud2', (_slot, mm) => mm.exit(7));
    expect(run(m)).toEqual({ kind: 'exited', code: 7 });
  });
  it('no handler installed', () => {
    const m = machine('mov $0x10020, %eax; jmp *%rax');
    expect(run(m)).toEqual({ kind: 'fault', fault: { kind: 'no-trampoline-handler', address: 0x10020, rip: 0x10020 } });
  });
  it('outside text and trampolines is a bad jump target', () => {
    const m = machine(`mov $${DATA}, %eax; jmp *%rax`);
    expect(run(m)).toEqual({ kind: 'fault', fault: { kind: 'bad-jump-target', address: DATA, rip: TEXT + 5 } });
  });
});

describe('budget, rdtsc, cpuid', () => {
  const LOOP = 'mov $1000, %ecx; xor %eax, %eax; 1: add %ecx, %eax; sub $1, %ecx; jnz 1b; hlt';
  it('the budget stops after exactly N instructions and the run resumes', () => {
    const whole = machine(LOOP);
    const end = run(whole);
    const total = whole.state.icount;
    expect(total).toBe(2 + 3 * 1000 + 1);
    const m = machine(LOOP);
    let slices = 0;
    let r = m.run(77);
    while (r.kind === 'budget-exhausted') {
      slices++;
      expect(m.state.icount).toBe(77 * slices);
      r = m.run(77);
    }
    expect(r).toEqual(end);
    expect(m.state.icount).toBe(total);
    expect(m.state.getLo(0)).toBe(500500);
  });
  it('a huge rep is bounded by the budget and resumes', () => {
    // rep stosb over 2^40 bytes: the bulk path refuses (beyond 4 GiB), the element loop runs in chunks
    const m = machine(`mov $${DATA}, %edi; mov $1, %rcx; shl $40, %rcx; mov $0x5a, %al; rep stosb; hlt`);
    const r = m.run(5); // 4 setup instructions and one chunk of the rep
    expect(r).toEqual({ kind: 'budget-exhausted' });
    expect([m.mem.u8[DATA + 65535], m.mem.u8[DATA + 65536]]).toEqual([0x5a, 0]);
    expect(m.state.getBig(1)).toBe((1n << 40n) - 65536n);
    const end = m.run(1_000_000);
    expect(end.kind === 'fault' && end.fault.kind).toBe('unmapped'); // ran off the RW area
    expect(end.kind === 'fault' && end.fault.address).toBe(DATA + 0x20000);
  });
  it('rdtsc counts retired instructions', () => {
    const m = machine('nop; nop; nop; rdtsc; mov %eax, %ebx; rdtsc; hlt');
    run(m);
    expect(m.state.getLo(3)).toBe(3);
    expect(m.state.getLo(0)).toBe(5);
    expect(m.state.getLo(2)).toBe(0);
  });
  it('cpuid reports the implemented profile', () => {
    const m = machine('xor %eax, %eax; cpuid; mov %ebx, %r8d; mov %edx, %r9d; mov %ecx, %r10d; mov $1, %eax; cpuid; hlt');
    run(m);
    const vendor = [8, 9, 10].map((r) => m.state.getLo(r)).map((v) => String.fromCharCode(v & 255, (v >> 8) & 255, (v >> 16) & 255, v >>> 24)).join('');
    expect(vendor).toBe('ZeroVMTSInt0');
    const edx = m.state.getLo(2), ecx = m.state.getLo(1);
    expect(((edx >> 15) & 1) === 1).toBe(IMPLEMENTED_FEATURES.has(Feature.CMOV));
    expect(((ecx >> 23) & 1) === 1).toBe(IMPLEMENTED_FEATURES.has(Feature.POPCNT));
    const bits: [number, number, Feature][] = [ // [register, bit, feature]
      [edx, 0, Feature.X87], [edx, 23, Feature.MMX], [edx, 24, Feature.FXSR], [edx, 25, Feature.SSE],
      [edx, 26, Feature.SSE2], [ecx, 0, Feature.SSE3], [ecx, 9, Feature.SSSE3], [ecx, 19, Feature.SSE41],
      [ecx, 20, Feature.SSE42], [ecx, 28, Feature.AVX], [ecx, 12, Feature.FMA],
    ];
    for (const [r, bit, f] of bits) expect([bit, ((r >> bit) & 1) === 1]).toEqual([bit, IMPLEMENTED_FEATURES.has(f)]);
    expect((ecx >> 27) & 1).toBe(0); // no OSXSAVE: AVX state is never enabled
  });
});

describe('memory', () => {
  it('host memory grows with touched pages, not with the 4 GiB', () => {
    const before = process.memoryUsage().rss;
    const mems = [new SandboxMemory(), new SandboxMemory()];
    for (const m of mems) {
      m.protect(0, 2 ** 32, Perm.RW);
      for (let k = 0; k < 64; k++) m.write32(k * 0x3fff0000 / 64 * 4 % 2 ** 32, k);
    }
    const grown = process.memoryUsage().rss - before;
    expect(grown).toBeLessThan(256 * 2 ** 20);
    expect(mems[0].read32(0x3fff0000 / 64 * 4 * 3 % 2 ** 32)).toBe(3);
  });
});
