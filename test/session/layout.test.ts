// The address space and entry state a program finds: registers (§8), the startup block with argv and
// envp, the user manifest at 0xFEFFFFFC with ZeroVM's channel table, and the page protections.
import { describe, expect, it } from 'vitest';
import { Perm } from '../../src/cpu/memory.ts';
import { Channel, memorySource } from '../../src/channels/index.ts';
import { Session, dirtyTrackerOf } from '../../src/session/index.ts';
import { buildAsm } from './lib/build-asm.ts';
import { memChannels } from './lib/channels.ts';

const dump = buildAsm([
  '        .include "nacl.inc"',
  '        .text',
  'NFUNC _start',
  '        mov %rsp, regs(%rip)',
  '        mov %rdi, regs+8(%rip)',
  '        mov %r15, regs+16(%rip)',
  '        mov %rbp, regs+24(%rip)',
  '        mov %rax, regs+32(%rip)',
  '        mov $write_args, %edi',
  '        NSYSCALL 0',
  '        mov $exit_args, %edi',
  '        NSYSCALL 0',
  '        .data',
  '        .p2align 3',
  'write_args:',
  '        .quad 0x74697257, 0, 1, regs, 40, 0',
  'exit_args:',
  '        .quad 0x74697845, 0, 0',
  'regs:',
  '        .fill 5, 8, 0xff',
  '',
].join('\n'));

function cString(u8: Uint8Array, at: number): string {
  const end = u8.indexOf(0, at);
  return new TextDecoder().decode(u8.subarray(at, end));
}

describe('entry state and layout', () => {
  it('registers, startup block, user manifest, protections', async () => {
    const c = memChannels();
    const session = new Session(dump, c.channels, { args: ['prog', 'a', 'bc'], env: ['X=1'], memory: 64 << 20 });
    const r = await session.run();
    expect(r.ending).toBe('exit');
    const out = new DataView(c.stdout.bytes().buffer);
    const reg = (k: number): number => Number(out.getBigUint64(8 * k, true));
    const [rsp, rdi, r15, rbp, rax] = [0, 1, 2, 3, 4].map(reg) as [number, number, number, number, number];
    expect(rsp % 16).toBe(8); // 16-byte aligned minus 8, as after a call
    expect(rdi).toBe(rsp + 8);
    expect(r15).toBe(0);
    expect(rbp).toBe(rsp);
    expect(rax).toBe(0);
    expect(rsp).toBeGreaterThan(0xff00_0000); // in the stack, near its top

    const mem = session.memory!;
    const w = (a: number): number => mem.dv.getUint32(a, true);
    // startup block: cleanup, envc, argc, argv..., NULL, envp..., NULL, AT_NULL
    expect([w(rdi), w(rdi + 4), w(rdi + 8)]).toEqual([0, 1, 3]);
    expect([0, 1, 2].map((k) => cString(mem.u8, w(rdi + 12 + 4 * k)))).toEqual(['prog', 'a', 'bc']);
    expect(w(rdi + 24)).toBe(0);
    expect(cString(mem.u8, w(rdi + 28))).toBe('X=1');
    expect([w(rdi + 32), w(rdi + 36), w(rdi + 40)]).toEqual([0, 0, 0]);

    // user manifest: pointer at 0xFEFFFFFC -> {heap_ptr, heap_size, stack_size, channels_count, channels}
    const um = w(0xfefffffc);
    const [heapPtr, heapSize, stackSize, count, table] = [0, 4, 8, 12, 16].map((o) => w(um + o)) as number[];
    expect(stackSize).toBe(16 << 20);
    expect(count).toBe(3);
    expect(heapPtr).toBe(session.nexe.data!.vaddr + session.nexe.data!.memsz); // the initial break: end of data + bss
    expect(heapPtr).toBe(0x40000 + 6 * 8 + 3 * 8 + 5 * 8 + 4); // the three arrays + the linker script's zero word
    expect(heapPtr + heapSize).toBeLessThanOrEqual((64 << 20) - (16 << 20));
    const aliases = [0, 1, 2].map((k) => cString(mem.u8, w(table + 48 * k + 44)));
    expect(aliases).toEqual(['/dev/stdin', '/dev/stdout', '/dev/stderr']);
    expect(mem.dv.getBigInt64(table + 48 + 24, true)).toBe(1_000_000_000n); // stdout put_size
    expect(w(table + 48 + 40)).toBe(0); // type

    // protections
    // As the guest sees them: a tracked sandbox keeps unwritten pages read-only ("clean") until their
    // first write.
    const tracker = dirtyTrackerOf(mem)!;
    const perm = (a: number): number => mem.perm[a >>> 16]! | (tracker.clean[a >>> 16] ? Perm.W : 0);
    expect(perm(0)).toBe(Perm.None);
    expect(perm(0x10000)).toBe(Perm.RX);
    expect(mem.u8[0x10000 + 32 * 5]).toBe(0xf4); // trampolines hold hlt
    expect(perm(0x20000)).toBe(Perm.RX);
    expect(perm(0x40000)).toBe(Perm.RW);
    expect(perm(heapPtr + heapSize - 1)).toBe(Perm.RW);
    expect(perm(um)).toBe(Perm.R);
    expect(perm(0xffff_fff0)).toBe(Perm.RW);
    expect(perm((64 << 20) - (16 << 20) + 0x10000)).toBe(Perm.None); // past the Memory budget: the hole
  });
});

describe('argv and envp from nvram', () => {
  it('without args in the options, the startup block carries nvram [args] and [env] (plus HOME=/)', async () => {
    const nvram = new TextEncoder().encode('[args]\nargs=prog hello "two words"\n[env]\nname=LANG, value=C\n');
    const c = memChannels(new Uint8Array(0), [
      new Channel(memorySource(nvram), { alias: '/dev/nvram', type: 1, limits: { gets: 100, getSize: 4096, puts: 0, putSize: 0 } }),
    ]);
    const session = new Session(dump, c.channels);
    const r = await session.run();
    expect(r.ending).toBe('exit');
    const rdi = Number(new DataView(c.stdout.bytes().buffer).getBigUint64(8, true));
    const mem = session.memory!;
    const w = (a: number): number => mem.dv.getUint32(a, true);
    expect([w(rdi + 4), w(rdi + 8)]).toEqual([2, 3]); // envc, argc
    expect([0, 1, 2].map((k) => cString(mem.u8, w(rdi + 12 + 4 * k)))).toEqual(['prog', 'hello', 'two words']);
    expect([0, 1].map((k) => cString(mem.u8, w(rdi + 28 + 4 * k)))).toEqual(['LANG=C', 'HOME=/']);
  });
});
