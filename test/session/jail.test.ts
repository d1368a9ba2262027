// TrapJail / TrapUnjail end to end: guests copy code into the heap, jail it, call into it, write
// into it, unjail, rewrite and jail again; the rules are ZeroVM's src/syscalls/trap.c (see
// src/runtime/zerovm-trap.ts). Each guest records trap results and return values (eax) in `res`,
// the first words of its data segment, which the test reads from the sandbox after the run.
import { describe, expect, it } from 'vitest';
import { parseNexe } from '../../src/elf/index.ts';
import { Errno } from '../../src/runtime/errno.ts';
import { TrapId } from '../../src/runtime/trap-ids.ts';
import { SandboxPool, Session } from '../../src/session/index.ts';
import { buildAsm } from './lib/build-asm.ts';
import { memChannels } from './lib/channels.ts';

/** Memory 32 MiB: heap end = 32 MiB - 16 MiB stack (checked against the user manifest below). */
const MEMORY = 0x200_0000;
const HEAP_END = 0x100_0000;
const UNSET = 0x5a5a5a5a;
const { EINVAL, EPERM, EACCES } = Errno;

/** Builds a guest: `steps` run in order from _start, `jits` are code blobs in rodata (each a whole number of bundles). */
class Guest {
  private readonly steps: string[] = [];
  private readonly data: string[] = [];
  private readonly jits: string[] = [];
  private slots = 0;
  private arrays = 0;

  /** Stores %eax in the next result slot. */
  private record(): void {
    this.steps.push(`        mov %eax, res+${4 * this.slots++}(%rip)`);
  }

  /** A uint64 array in .data. */
  words(label: string, values: (number | string)[]): this {
    this.data.push(`${label}:`, `        .quad ${values.join(', ')}`);
    return this;
  }

  jit(name: string, body: string[]): this {
    this.jits.push('        .p2align 5', `${name}:`, ...body, '        .p2align 5, 0xf4', `${name}_end:`);
    return this;
  }

  /** Copies jit `name` to `dst` (8 bytes at a time: jits are whole bundles). */
  copy(name: string, dst: number): this {
    this.steps.push(`        mov $${name}, %esi`, `        mov $${dst}, %edi`, `        mov $(${name}_end - ${name}), %edx`, '        NCALL copy');
    return this;
  }

  trap(id: number, a: number | string, b: number | string): this {
    const label = `args${this.arrays++}`;
    this.data.push(`${label}:`, `        .quad ${id}, 0, ${a}, ${b}`);
    this.steps.push(`        mov $${label}, %edi`, '        NSYSCALL 0');
    this.record();
    return this;
  }
  jail(addr: number, size: number | string): this { return this.trap(TrapId.Jail, addr, size); }
  unjail(addr: number, size: number | string): this { return this.trap(TrapId.Unjail, addr, size); }

  /** A masked indirect call (naclcall) to `addr`; records %eax. */
  call(addr: number): this {
    this.steps.push('        mov $0x77777777, %eax', `        mov $${addr}, %ecx`, '        NCALLR %ecx, %rcx');
    this.record();
    return this;
  }

  /** A direct call (rel32) from the text to `addr`; records %eax. */
  callDirect(addr: number): this {
    this.steps.push('        mov $0x77777777, %eax', `        NCALL ${addr}`);
    this.record();
    return this;
  }

  /** A NaCl system call (served by ZRT) with up to three arguments; records %eax. */
  nacl(slot: number, ...args: number[]): this {
    ['%edi', '%esi', '%edx'].forEach((r, i) => this.steps.push(`        mov $${args[i] ?? 0}, ${r}`));
    this.steps.push(`        NSYSCALL ${slot}`);
    this.record();
    return this;
  }

  /** Stores a 32-bit word at `addr` (faults if the page is not writable). */
  poke(addr: number, value: number): this {
    this.steps.push('        .bundle_lock', `        mov $${addr}, %eax`, `        movl $${value}, (%r15,%rax,1)`, '        .bundle_unlock');
    return this;
  }

  build(): Uint8Array {
    return buildAsm([
      '        .include "nacl.inc"',
      '        .text',
      'NFUNC _start',
      ...this.steps,
      '        mov $exit_args, %edi',
      '        NSYSCALL 0',
      '        hlt',
      // copy(%esi source, %edi destination, %edx length, a multiple of 8)
      'NFUNC copy',
      '        xor %ecx, %ecx',
      '1:',
      '        .bundle_lock',
      '        mov %esi, %eax',
      '        add %ecx, %eax',
      '        mov (%r15,%rax,1), %r8',
      '        .bundle_unlock',
      '        .bundle_lock',
      '        mov %edi, %eax',
      '        add %ecx, %eax',
      '        mov %r8, (%r15,%rax,1)',
      '        .bundle_unlock',
      '        add $8, %ecx',
      '        cmp %edx, %ecx',
      '        jb 1b',
      '        NRET',
      // text_fn: what jailed code calls or jumps to
      'NFUNC text_fn',
      '        mov $99, %eax',
      '        NRET',
      // code-flagged (alignment fills are nops) but linked into the read-only segment
      '        .section .rodata.jit,"ax",@progbits',
      ...this.jits,
      '        .data',
      'res:',
      `        .fill 32, 4, ${UNSET}`,
      '        .p2align 3',
      'exit_args:',
      `        .quad ${TrapId.Exit}, 0, 0`,
      ...this.data,
      '',
    ].join('\n'));
  }
}

/** NaCl's return: pop %r11, then the masked jump. */
const NRET = ['        NRET'];
/** A direct call/jmp (opcode e8/e9) to `target` written as bytes: its displacement is for the code's place in the heap. */
const direct = (opcode: number, name: string, block: number, target: string): string[] => [
  `        .byte ${opcode}`,
  // (+ 2^32: the same low 32 bits, but a relocation value ld accepts for .long)
  `        .long ${target} - (${block} + (. - ${name}) + 4) + 0x100000000`,
];

interface Run {
  ending: string;
  userCode: number;
  fault?: { kind: string; signal: number; address: number; rip: number } | undefined;
  exitState: string;
  res: number[];
  heapEnd: number;
}

/**
 * Sessions share one pooled sandbox by default: a test process holding several fresh 4 GiB sandboxes
 * (until the GC takes them) can no longer spawn `as` here (ENOMEM). `null`: a fresh, unpooled one.
 */
const SHARED = new SandboxPool(1);

async function run(nexe: Uint8Array, pool: SandboxPool | null = SHARED): Promise<Run> {
  const session = new Session(nexe, memChannels().channels, { memory: MEMORY, pool });
  const r = await session.run();
  const mem = session.memory!;
  const base = parseNexe(nexe).data!.vaddr;
  const res: number[] = [];
  for (let k = 0; k < 32; k++) {
    const v = mem.dv.getInt32(base + 4 * k, true);
    if (v === UNSET) break;
    res.push(v);
  }
  const manifest = mem.dv.getUint32(0xfefffffc, true);
  const heapEnd = mem.dv.getUint32(manifest, true) + mem.dv.getUint32(manifest + 4, true);
  session.release();
  return { ending: r.ending, userCode: r.userCode, fault: r.fault, exitState: r.exitState, res, heapEnd };
}

/** The first 64 KiB boundary of the heap: the break, rounded up, for these small guests. */
function firstBlock(nexe: Uint8Array): number {
  const d = parseNexe(nexe).data!;
  return Math.ceil((d.vaddr + d.memsz) / 0x10000) * 0x10000;
}

/** Builds with block address B; the layout does not depend on B, which the check confirms. */
function buildAt(make: (block: number) => Guest): { nexe: Uint8Array; block: number } {
  const guess = 0x50000;
  const nexe = make(guess).build();
  const block = firstBlock(nexe);
  if (block === guess) return { nexe, block };
  const again = make(block).build();
  expect(firstBlock(again)).toBe(block);
  return { nexe: again, block };
}

const ret42 = ['        mov $42, %eax', ...NRET];
const ret7 = ['        mov $7, %eax', ...NRET];

describe('TrapJail: dynamic code', () => {
  it('a jailed heap block runs: naclcall and direct call into it, calls and jumps from it into text, returns both ways', async () => {
    const { nexe, block } = buildAt((b) => new Guest()
      .jit('j42', ret42)
      // calls text_fn (99), returns into the block, adds 1
      .jit('jcb', ['        NPAD 27', ...direct(0xe8, 'jcb', b + 0x10000, 'text_fn'), '        add $1, %eax', ...NRET])
      // tail-jumps to text_fn, which returns to our caller
      .jit('jtail', [...direct(0xe9, 'jtail', b + 0x20000, 'text_fn')])
      .copy('j42', b).copy('jcb', b + 0x10000).copy('jtail', b + 0x20000)
      .jail(b, '(j42_end - j42)').jail(b + 0x10000, '(jcb_end - jcb)').jail(b + 0x20000, '(jtail_end - jtail)')
      .call(b).call(b + 0x10000).call(b + 0x20000).call(b).callDirect(b + 0x10000));
    const r = await run(nexe, null);
    expect(r.heapEnd).toBe(HEAP_END);
    expect(r.ending).toBe('exit');
    expect(r.res).toEqual([0, 0, 0, 42, 100, 99, 42, 100]);
    expect(block).toBeGreaterThanOrEqual(0x50000);
  });

  it('code that does not validate is refused with -EPERM and stays writable and not executable', async () => {
    const { nexe, block } = buildAt((b) => new Guest()
      .jit('jbad', ['        syscall', '        mov $1, %eax', ...NRET])
      .copy('jbad', b).jail(b, '(jbad_end - jbad)').poke(b + 8, 0x90909090).call(b));
    const r = await run(nexe);
    expect(r.res).toEqual([-EPERM]);
    expect(r.ending).toBe('fault');
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block });
    expect(r.exitState).toMatch(/^Signal 11 from untrusted code/);
  });

  it('the block is validated at its own address: a direct jump out of it must hit a bundle start', async () => {
    const { nexe } = buildAt((b) => new Guest()
      .jit('jmis', [...direct(0xe9, 'jmis', b, 'text_fn + 1')])
      .jit('jok', [...direct(0xe9, 'jok', b + 0x10000, 'text_fn')])
      .copy('jmis', b).copy('jok', b + 0x10000)
      .jail(b, '(jmis_end - jmis)').jail(b + 0x10000, '(jok_end - jok)'));
    const r = await run(nexe);
    expect(r.res).toEqual([-EPERM, 0]);
  });

  it('rdtsc is refused in jailed code as in the text (ZeroVM determinism policy)', async () => {
    const { nexe } = buildAt((b) => new Guest()
      .jit('jtsc', ['        rdtsc', ...NRET]).jit('jok', ret42)
      .copy('jtsc', b).copy('jok', b + 0x10000).jail(b, '(jtsc_end - jtsc)').jail(b + 0x10000, '(jok_end - jok)'));
    expect((await run(nexe)).res).toEqual([-EPERM, 0]);
  });

  it('a jailed page is not writable: a store into it is Signal 11', async () => {
    const { nexe, block } = buildAt((b) => new Guest().jit('j42', ret42).copy('j42', b).jail(b, '(j42_end - j42)').call(b).poke(b + 8, 1));
    const r = await run(nexe, null);
    expect(r.res).toEqual([0, 42]);
    expect(r.ending).toBe('fault');
    expect(r.fault).toMatchObject({ signal: 11, kind: 'write-protected', address: block + 8 });
  });

  it('Unjail, rewrite, Jail again runs the new code', async () => {
    const { nexe } = buildAt((b) => new Guest()
      .jit('j42', ret42).jit('j7', ret7)
      .copy('j42', b).jail(b, '(j42_end - j42)').call(b)
      .unjail(b, '(j42_end - j42)').copy('j7', b).jail(b, '(j7_end - j7)').call(b)
      .unjail(b, '(j7_end - j7)').copy('j42', b).jail(b, '(j42_end - j42)').call(b));
    const r = await run(nexe);
    expect(r.ending).toBe('exit');
    expect(r.res).toEqual([0, 42, 0, 0, 7, 0, 0, 42]);
  });

  it('in a reused pooled sandbox: jailed pages stay unwritable, and no code of the last session remains', async () => {
    const pool = SHARED;
    const rewrite = buildAt((b) => new Guest()
      .jit('j42', ret42).jit('j7', ret7)
      .copy('j42', b).jail(b, '(j42_end - j42)').call(b)
      .unjail(b, 32).copy('j7', b).jail(b, 32).call(b).poke(b, 1)).nexe;
    for (let round = 0; round < 2; round++) {
      const r = await run(rewrite, pool);
      expect(r.res).toEqual([0, 42, 0, 0, 7]);
      expect(r.fault).toMatchObject({ signal: 11, kind: 'write-protected' });
    }
    // the next session in that sandbox finds no code of the last one
    const { nexe, block } = buildAt((b) => new Guest().call(b));
    const r = await run(nexe, pool);
    expect(r.res).toEqual([]);
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block });
  });

  it('an unjailed block no longer runs, even with its bytes unchanged', async () => {
    const { nexe, block } = buildAt((b) => new Guest().jit('j42', ret42).copy('j42', b).jail(b, '(j42_end - j42)').call(b).unjail(b, 32).call(b));
    const r = await run(nexe);
    expect(r.res).toEqual([0, 42, 0]);
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block });
  });

  it('unjailing part of a block keeps the rest of it running', async () => {
    // `return 42` at the block start, `return 7` at the start of its second page
    const { nexe, block } = buildAt((b) => new Guest()
      .jit('jtwo', [...ret42, '        .fill (0x10000 - (. - jtwo)), 1, 0xf4', ...ret7])
      .copy('jtwo', b).jail(b, '(jtwo_end - jtwo)').call(b).call(b + 0x10000)
      .unjail(b + 0x10000, 0x10000).call(b).call(b + 0x10000));
    const r = await run(nexe);
    expect(r.res).toEqual([0, 42, 7, 0, 42]);
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block + 0x10000 });
  });

  it('code that unjails its own block faults on the way back into it', async () => {
    const { nexe, block } = buildAt((b) => new Guest()
      .words('self_args', [TrapId.Unjail, 0, b, 64])
      .jit('jself', ['        mov $self_args, %edi', '        NSYSCALL 0', '        mov $5, %eax', ...NRET])
      .copy('jself', b).jail(b, '(jself_end - jself)').call(b));
    const r = await run(nexe);
    expect(r.res).toEqual([0]);
    expect(r.ending).toBe('fault');
    // the return address: the bundle after the NSYSCALL group in the block
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block + 64 });
  });

  it('a page that loses X any other way (ZRT mprotect) leaves its block: straight-line code stops there', async () => {
    const BRK = 20, MPROTECT = 24, PROT_RW = 3;
    // 64 KiB of nops, then `return 42` on the block's second page
    const { nexe, block } = buildAt((b) => new Guest()
      .jit('jlong', ['        .fill 0x10000, 1, 0x90', ...ret42])
      .nacl(BRK, b + 0x40000) // ZRT re-protects only memory below its break
      .copy('jlong', b).jail(b, '(jlong_end - jlong)').call(b)
      .nacl(MPROTECT, b + 0x10000, 0x10000, PROT_RW).call(b));
    const r = await run(nexe);
    expect(r.res).toEqual([block + 0x40000, 0, 42, 0]);
    expect(r.ending).toBe('fault');
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block + 0x10000 });
  });

  it('heap memory that was never jailed does not run', async () => {
    const { nexe, block } = buildAt((b) => new Guest().jit('j42', ret42).copy('j42', b).call(b));
    const r = await run(nexe);
    expect(r.res).toEqual([]);
    expect(r.fault).toMatchObject({ signal: 11, kind: 'bad-jump-target', address: block });
  });
});

describe('TrapJail / TrapUnjail arguments (ZeroVM trap.c JAIL_CHECK)', () => {
  it('size, region and alignment are checked first (-EINVAL), then validation (-EPERM)', async () => {
    const { nexe, block } = buildAt((b) => new Guest()
      .jit('j42', ret42).copy('j42', b)
      .jail(b, 0).jail(b, -1).jail(b, '0x100000000') // size is the int32 of the argument: 0
      .jail(b + 32, 32).unjail(b + 32, 32).unjail(b + 0x8000, 32) // off a 64 KiB boundary
      .jail(0x20000, 32).jail(0x30000, 32).unjail(0x30000, 32) // text, rodata: below the Heap region
      .jail(HEAP_END, 32).unjail(HEAP_END, 32).jail(0xff000000, 32) // at the heap end, the stack
      .jail(b + 0x1_0000_0000, 32) // the address is the low 32 bits of the argument: b, which validates
      .jail(b, 31).jail(b, 40) // not whole bundles: the validator refuses them
      .jail(HEAP_END - 0x10000, 0x20000).unjail(HEAP_END - 0x10000, 0x10001) // past the heap end (this project: -EACCES)
      .unjail(b + 0x10000, 0x10000) // never jailed: fine
      .jail(b, 32).jail(b, 32).call(b) // jailed twice: fine
      .unjail(b, 32).unjail(b, 32));
    const r = await run(nexe);
    expect(r.res).toEqual([
      -EINVAL, -EINVAL, -EINVAL,
      -EINVAL, -EINVAL, -EINVAL,
      -EINVAL, -EINVAL, -EINVAL,
      -EINVAL, -EINVAL, -EINVAL,
      0,
      -EPERM, -EPERM,
      -EACCES, -EACCES,
      0,
      0, 0, 42,
      0, 0,
    ]);
    expect(r.ending).toBe('exit');
    expect(block).toBeLessThan(HEAP_END);
  });

  it('the Heap region starts at the data segment, as ZeroVM maps data + bss + heap as one region', async () => {
    const probe = new Guest().build();
    const data = parseNexe(probe).data!.vaddr;
    expect(data % 0x10000).toBe(0);
    // Unjail of the data segment's first page is accepted (it stays read+write), rodata's is not.
    const r = await run(new Guest().unjail(data, 0x10).unjail(data - 0x10000, 0x10).poke(data + 0x100, 1).build());
    expect(r.res).toEqual([0, -EINVAL]);
    expect(r.ending).toBe('exit');
  });
});
