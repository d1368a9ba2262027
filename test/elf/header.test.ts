import { describe, expect, it } from 'vitest';
import { parseNexe } from '../../src/elf/index.ts';
import { buildElf, EHDR_SIZE, PF, PT, filled, typicalNexe, typicalPhdrs } from './elf-writer.ts';
import { expectElfError } from './expect-elf-error.ts';

describe('ELF header rules', () => {
  it('parses a typical ELF64 nexe and records OSABI, ABI version and e_flags', () => {
    const n = parseNexe(typicalNexe());
    expect([n.class, n.osabi, n.abiVersion, n.flags, n.entry]).toEqual([64, 123, 7, 0x200000, 0x20020]);
    expect(n.phdrs).toHaveLength(6);
  });

  it('does not require the NaCl OSABI, ABI version or flags', () => {
    const n = parseNexe(typicalNexe({ ident: { 7: 0, 8: 0 }, flags: 0 }));
    expect([n.osabi, n.abiVersion, n.flags]).toEqual([0, 0, 0]);
  });

  it('accepts ELFCLASS32 with EM_X86_64', () => {
    const bytes = typicalNexe({ class: 32 });
    const n = parseNexe(bytes);
    expect(n.class).toBe(32);
    expect(n.text.vaddr).toBe(0x20000);
    expect(n.data?.memsz).toBe(0x1000);
    expect(n.phdrs.map((p) => p.type)).toEqual(typicalPhdrs(32).map((p) => p.type));
  });

  it('refuses ELFCLASS32 for another machine', () => {
    expectElfError(typicalNexe({ class: 32, machine: 3 }), 'bad-machine', 'e_machine', 3);
  });

  it.each([
    ['empty file', new Uint8Array(0), 'truncated', 'file length', 0],
    ['short magic', new Uint8Array([0x7f, 0x45]), 'truncated', 'file length', 2],
    ['ident only', typicalNexe().subarray(0, 16), 'truncated', 'file length', 16],
    ['half an ELF64 header', typicalNexe().subarray(0, 40), 'truncated', 'file length', 40],
    ['half an ELF32 header', typicalNexe({ class: 32 }).subarray(0, 51), 'truncated', 'file length', 51],
  ] as const)('reports a truncated header: %s', (_, bytes, code, field, value) => {
    expect(expectElfError(bytes, code, field, value).unreadable).toBe(true);
  });

  it('reports a non-ELF file as bad-magic (unreadable)', () => {
    const e = expectElfError(new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'bad-magic', 'e_ident[0]', 0x23);
    expect(e.unreadable).toBe(true);
    expectElfError(new Uint8Array([0x7f, 0x45, 0x4c, 0x47]), 'bad-magic', 'e_ident[3]', 0x47);
  });

  it.each([
    ['class none', { ident: { 4: 0 } }, 'bad-class', 'e_ident[EI_CLASS]', 0],
    ['class 3', { ident: { 4: 3 } }, 'bad-class', 'e_ident[EI_CLASS]', 3],
    ['big-endian', { ident: { 5: 2 } }, 'bad-data-encoding', 'e_ident[EI_DATA]', 2],
    ['ident version', { ident: { 6: 0 } }, 'bad-version', 'e_ident[EI_VERSION]', 0],
    ['e_version', { version: 2 }, 'bad-version', 'e_version', 2],
    ['shared object', { type: 3 }, 'not-exec', 'e_type', 3],
    ['relocatable', { type: 1 }, 'not-exec', 'e_type', 1],
    ['i386', { machine: 3 }, 'bad-machine', 'e_machine', 3],
    ['aarch64', { machine: 183 }, 'bad-machine', 'e_machine', 183],
    ['phentsize', { phentsize: 64 }, 'bad-phentsize', 'e_phentsize', 64],
    ['phentsize of ELF32 in ELF64', { phentsize: 32 }, 'bad-phentsize', 'e_phentsize', 32],
    ['129 program headers', { phnum: 129 }, 'too-many-phdrs', 'e_phnum', 129],
  ] as const)('refuses a readable ELF that NaCl will not load: %s', (_, spec, code, field, value) => {
    expect(expectElfError(typicalNexe(spec), code, field, value).unreadable).toBe(false);
  });

  it('accepts 128 program headers (the maximum)', () => {
    const phdrs = typicalPhdrs();
    const extra = Array.from({ length: 128 - phdrs.length }, (_, i) => ({ type: PT.LOAD, flags: PF.R, vaddr: i, memsz: 0 }));
    expect(parseNexe(buildElf({ entry: 0x20000, phdrs: [...phdrs, ...extra] })).phdrs).toHaveLength(128);
  });

  it('reports a program header table past the end of the file as truncated', () => {
    const whole = typicalNexe();
    const tableEnd = EHDR_SIZE[64] + 6 * 56;
    const cut = whole.slice(0, tableEnd - 1);
    expect(expectElfError(cut, 'truncated', 'e_phoff', 64).unreadable).toBe(true);
    expectElfError(typicalNexe({ phoff: whole.length }), 'truncated', 'e_phoff', whole.length);
  });

  it('does not wrap e_phoff + table size around 2^64', () => {
    expectElfError(typicalNexe({ phoff: 2n ** 64n - 56n }), 'truncated', 'e_phoff', 2n ** 64n - 56n);
    expectElfError(typicalNexe({ phoff: 2n ** 64n - 1n }), 'truncated', 'e_phoff', 2n ** 64n - 1n);
  });

  it('reads a table placed anywhere in the file', () => {
    // Put the same table at the end of the file too, and point e_phoff at that copy.
    const base = typicalNexe();
    const table = base.slice(EHDR_SIZE[64], EHDR_SIZE[64] + 6 * 56);
    const moved = new Uint8Array(base.length + table.length);
    moved.set(base);
    moved.set(table, base.length);
    new DataView(moved.buffer).setBigUint64(32, BigInt(base.length), true);
    expect(parseNexe(moved).phoff).toBe(base.length);
  });

  it('reports no text when there are no program headers', () => {
    expectElfError(buildElf({ phdrs: [] }), 'no-text', 'e_phnum', 0);
    expectElfError(buildElf({ phdrs: [], phoff: 2n ** 64n - 1n }), 'no-text', 'e_phnum', 0); // an empty table is not out of bounds
  });

  it('gives segment bytes as views of the input', () => {
    const bytes = buildElf({ entry: 0x20000, phdrs: [{ type: PT.LOAD, flags: PF.RX, vaddr: 0x20000, data: filled(32, 0xf4) }] });
    const n = parseNexe(bytes);
    expect(n.text.bytes.buffer).toBe(bytes.buffer);
    expect(Array.from(n.text.bytes)).toEqual(Array(32).fill(0xf4));
    expect(n.rodata).toBeUndefined();
    expect(n.data).toBeUndefined();
    expect(n.tls).toBeUndefined();
  });
});
