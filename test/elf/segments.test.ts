import { describe, expect, it } from 'vitest';
import { parseNexe } from '../../src/elf/index.ts';
import { buildElf, filled, PF, PT, type PhdrSpec, typicalNexe, typicalPhdrs } from './elf-writer.ts';
import { expectElfError } from './expect-elf-error.ts';

const text = (over: Partial<PhdrSpec> = {}): PhdrSpec => ({ type: PT.LOAD, flags: PF.RX, vaddr: 0x20000, data: filled(64, 0x90), ...over });
const nexe = (phdrs: PhdrSpec[], entry: bigint | number = 0x20000) => buildElf({ entry, phdrs });
/** The typical program headers with phdr[i] changed. */
function typicalWith(i: number, over: Partial<PhdrSpec>): Uint8Array {
  const phdrs = typicalPhdrs();
  phdrs[i] = { ...phdrs[i]!, ...over };
  return buildElf({ entry: 0x20020, phdrs });
}

describe('segment rules', () => {
  it('finds text, rodata, data and TLS in a typical nexe', () => {
    const n = parseNexe(typicalNexe());
    expect([n.text.index, n.rodata?.index, n.data?.index, n.tls?.index]).toEqual([1, 2, 3, 4]);
    expect([n.data?.filesz, n.data?.memsz, n.data?.bytes.length]).toEqual([0x30, 0x1000, 0x30]);
    expect(n.tls).toMatchObject({ vaddr: 0x40000, filesz: 0x10, memsz: 0x20, align: 16 });
  });

  it('needs only the text segment', () => {
    expect(parseNexe(nexe([text()])).text.memsz).toBe(64);
  });

  it('skips an empty PT_LOAD at vaddr 0, with any flags', () => {
    const n = parseNexe(nexe([{ type: PT.LOAD, flags: PF.RWX, vaddr: 0, memsz: 0 }, text()]));
    expect(n.text.index).toBe(1);
    expect(n.phdrs).toHaveLength(2);
  });

  it('accepts PT_PHDR at vaddr 0 outside every PT_LOAD, and PT_NOTE', () => {
    const n = parseNexe(nexe([{ type: PT.PHDR, flags: PF.R, vaddr: 0, offset: 64, filesz: 3 * 56 }, text(), { type: PT.NOTE, flags: PF.R, vaddr: 0x20010, data: filled(8, 1) }]));
    expect(n.phdrs.map((p) => p.vaddr)).toEqual([0, 0x20000, 0x20010]);
  });

  it('needs a text segment', () => {
    expectElfError(nexe([{ type: PT.LOAD, flags: PF.R, vaddr: 0x20000, data: filled(8, 0) }]), 'no-text', 'e_phnum', 1);
  });

  it.each([
    ['RWX', PF.RWX],
    ['X only', PF.X],
    ['W only', PF.W],
    ['RW+X bits of the OS range', PF.RW | 0x00100000],
    ['none', 0],
  ])('refuses PT_LOAD flags %s', (_, flags) => {
    expectElfError(typicalWith(2, { flags }), 'bad-segment', 'phdr[2].p_flags', flags);
  });

  it('refuses PT_INTERP and PT_DYNAMIC', () => {
    expectElfError(typicalWith(5, { type: PT.INTERP, flags: PF.R }), 'interp-present', 'phdr[5].p_type', PT.INTERP);
    expectElfError(typicalWith(5, { type: PT.DYNAMIC, flags: PF.RW }), 'dynamic-present', 'phdr[5].p_type', PT.DYNAMIC);
  });

  it.each([5, 8, 0x6474e553, 0x70000001])('refuses segment type %i', (type) => {
    expectElfError(typicalWith(5, { type, flags: PF.R, memsz: 8 }), 'bad-segment', 'phdr[5].p_type', type);
  });

  it.each([
    ['PHDR', PT.PHDR, PF.RW],
    ['TLS', PT.TLS, PF.RW],
    ['NOTE', PT.NOTE, PF.RX],
    ['GNU_EH_FRAME', 0x6474e550, PF.RW],
    ['NULL', 0, 0],
  ])('refuses a %s segment with flags other than R', (_, type, flags) => {
    expectElfError(typicalWith(5, { type, flags, memsz: 8 }), 'bad-segment', 'phdr[5].p_flags', flags);
  });

  it('accepts the other read-only segments NaCl ignores: GNU_EH_FRAME, GNU_RELRO, NULL', () => {
    const extra = [0x6474e550, 0x6474e552, 0].map((type) => ({ type, flags: PF.R, vaddr: 0x30000, memsz: 8 }));
    expect(parseNexe(nexe([text(), ...extra])).phdrs.map((p) => p.type)).toEqual([1, 0x6474e550, 0x6474e552, 0]);
  });

  it('skips every empty segment whatever its type and flags (but INTERP, DYNAMIC, executable stack)', () => {
    const empty = [0x70000001, PT.NOTE, PT.TLS, 0].map((type) => ({ type, flags: PF.RWX, vaddr: 0, memsz: 0 }));
    expect(parseNexe(nexe([text(), ...empty, ...empty])).phdrs).toHaveLength(9);
    expectElfError(nexe([text(), { type: PT.INTERP, flags: PF.R, vaddr: 0, memsz: 0 }]), 'interp-present', 'phdr[1].p_type', PT.INTERP);
    expectElfError(nexe([text(), { type: PT.DYNAMIC, flags: PF.R, vaddr: 0, memsz: 0 }]), 'dynamic-present', 'phdr[1].p_type', PT.DYNAMIC);
  });

  it('refuses an executable stack, and a GNU_STACK with contents', () => {
    expectElfError(typicalWith(5, { flags: PF.RWX }), 'executable-stack', 'phdr[5].p_flags', PF.RWX);
    expectElfError(typicalWith(5, { flags: PF.X }), 'executable-stack', 'phdr[5].p_flags', PF.X);
    expectElfError(typicalWith(5, { memsz: 16 }), 'bad-segment', 'phdr[5].p_memsz', 16);
    expect(parseNexe(typicalWith(5, { flags: PF.R })).phdrs[5]!.flags).toBe(PF.R);
  });

  it.each([
    ['text', PF.RX, 0x50000],
    ['rodata', PF.R, 0x50000],
    ['data', PF.RW, 0x50000],
  ])('refuses a second %s segment', (_, flags, vaddr) => {
    const phdrs = [...typicalPhdrs(), { type: PT.LOAD, flags, vaddr, data: filled(8, 0) }];
    expectElfError(nexe(phdrs, 0x20000), 'duplicate-segment', 'phdr[6].p_type', PT.LOAD);
  });

  it.each([
    ['TLS', PT.TLS],
    ['PHDR', PT.PHDR],
    ['NOTE', PT.NOTE],
  ])('refuses a second %s segment', (_, type) => {
    const first = { type, flags: PF.R, vaddr: 0x40000, memsz: 8 };
    expectElfError(nexe([text(), first, { ...first }]), 'duplicate-segment', 'phdr[2].p_type', type);
  });

  it.each([0x10000, 0x20001, 0x30000, 0])('refuses text at 0x%s', (vaddr) => {
    expectElfError(nexe([text({ vaddr })], vaddr), 'text-not-at-0x20000', 'phdr[0].p_vaddr', vaddr);
  });

  it('refuses filesz > memsz', () => {
    expectElfError(typicalWith(3, { memsz: 0x2f }), 'filesz-exceeds-memsz', 'phdr[3].p_filesz', 0x30);
  });

  it('refuses segments below 0x20000 or reaching past 4 GiB', () => {
    expectElfError(typicalWith(2, { vaddr: 0x1f000 }), 'segment-out-of-range', 'phdr[2].p_vaddr', 0x1f000);
    expectElfError(nexe([{ type: PT.LOAD, flags: PF.R, vaddr: 0x1f000, data: filled(8, 0) }, text()]), 'segment-out-of-range', 'phdr[0].p_vaddr', 0x1f000);
    expectElfError(typicalWith(3, { vaddr: 0x1_0000_0000 }), 'segment-out-of-range', 'phdr[3].p_vaddr', 0x1_0000_0000);
    // The last byte must be below 4 GiB, so a segment may not end exactly at 4 GiB.
    expectElfError(typicalWith(3, { vaddr: 0xffff_0000, memsz: 0x10000 }), 'segment-out-of-range', 'phdr[3].p_memsz', 0x10000);
    expect(parseNexe(typicalWith(3, { vaddr: 0xffff_0000, memsz: 0xffff })).data?.vaddr).toBe(0xffff_0000);
  });

  it('does not let vaddr + memsz wrap around 2^64', () => {
    expectElfError(typicalWith(3, { memsz: 2n ** 64n - 0x30000n }), 'segment-out-of-range', 'phdr[3].p_memsz', 2n ** 64n - 0x30000n);
    expectElfError(typicalWith(3, { vaddr: 2n ** 64n - 0x1000n }), 'segment-out-of-range', 'phdr[3].p_vaddr', 2n ** 64n - 0x1000n);
    expectElfError(nexe([text({ memsz: 2n ** 64n - 0x20000n })]), 'segment-out-of-range', 'phdr[0].p_memsz', 2n ** 64n - 0x20000n);
  });

  it('refuses PT_LOADs out of address order or overlapping', () => {
    const [phdr, t, ro, rw] = typicalPhdrs();
    expectElfError(nexe([phdr!, t!, rw!, ro!]), 'segments-out-of-order', 'phdr[3].p_vaddr', 0x30000);
    expectElfError(typicalWith(2, { vaddr: 0x20000 + 0x3f }), 'segments-overlap', 'phdr[2].p_vaddr', 0x2003f);
    expectElfError(typicalWith(2, { memsz: 0x10001 }), 'segments-overlap', 'phdr[3].p_vaddr', 0x40000);
    expect(parseNexe(typicalWith(2, { memsz: 0x10000 })).rodata?.memsz).toBe(0x10000); // touching is fine
  });

  it('needs the entry point inside text', () => {
    expectElfError(nexe([text()], 0x20040), 'entry-outside-text', 'e_entry', 0x20040);
    expectElfError(nexe([text()], 0x1ffff), 'entry-outside-text', 'e_entry', 0x1ffff);
    expectElfError(nexe([text()], 2n ** 64n - 1n), 'entry-outside-text', 'e_entry', 2n ** 64n - 1n);
    expectElfError(nexe([text({ memsz: 0x1000 })], 0x20040), 'entry-outside-text', 'e_entry', 0x20040); // bss of text is no code
    expectElfError(nexe([text()], 0x20021), 'entry-not-bundle-aligned', 'e_entry', 0x20021);
    expect(parseNexe(nexe([text()], 0x20020)).entry).toBe(0x20020);
  });

  it('follows ZeroVM\'s layout: 64 KiB-aligned rodata and data, data last, room for a halt sled after text', () => {
    const [phdr, t, ro, rw] = typicalPhdrs();
    expectElfError(nexe([phdr!, t!, { ...rw!, vaddr: 0x30000 }, { ...ro!, vaddr: 0x40000 }]), 'data-not-last', 'phdr[2].p_vaddr', 0x30000);
    expectElfError(typicalWith(2, { vaddr: 0x30020 }), 'segment-not-64k-aligned', 'phdr[2].p_vaddr', 0x30020);
    expectElfError(typicalWith(3, { vaddr: 0x48000 }), 'segment-not-64k-aligned', 'phdr[3].p_vaddr', 0x48000);
    const textTo = (end: number) => text({ data: filled(end - 0x20000, 0xf4) });
    const rodataAt = { type: PT.LOAD, flags: PF.R, vaddr: 0x30000, data: filled(8, 0) };
    expectElfError(nexe([textTo(0x30000 - 31), rodataAt]), 'no-halt-sled-gap', 'phdr[1].p_vaddr', 0x30000);
    expect(parseNexe(nexe([textTo(0x30000 - 32), rodataAt])).rodata?.vaddr).toBe(0x30000);
    // Without rodata the data segment is the one after text.
    expectElfError(nexe([textTo(0x30000), { ...rodataAt, flags: PF.RW }]), 'no-halt-sled-gap', 'phdr[1].p_vaddr', 0x30000);
  });

  it('keeps segment bytes inside the file', () => {
    const len = typicalNexe().length;
    expectElfError(typicalWith(2, { offset: len + 1 }), 'segment-out-of-bounds', 'phdr[2].p_offset', len + 1);
    expectElfError(typicalWith(2, { offset: len - 8, filesz: 9 }), 'segment-out-of-bounds', 'phdr[2].p_filesz', 9);
    expect(parseNexe(typicalWith(2, { offset: len - 8, filesz: 8 })).rodata?.bytes.length).toBe(8);
    // Non-loaded segments are checked as well.
    expectElfError(typicalWith(0, { filesz: len }), 'segment-out-of-bounds', 'phdr[0].p_filesz', len);
  });

  it('does not let offset + filesz wrap around 2^64', () => {
    expectElfError(typicalWith(2, { filesz: 2n ** 64n - 0x10n }), 'segment-out-of-bounds', 'phdr[2].p_filesz', 2n ** 64n - 0x10n);
    expectElfError(typicalWith(2, { offset: 2n ** 64n - 1n, filesz: 1 }), 'segment-out-of-bounds', 'phdr[2].p_offset', 2n ** 64n - 1n);
  });

  it('rejects values of 2^53 and more precisely instead of rounding them', () => {
    expectElfError(typicalWith(5, { align: 2n ** 53n }), 'value-too-large', 'phdr[5].p_align', 2n ** 53n);
    expectElfError(typicalWith(4, { memsz: 2n ** 64n - 1n }), 'value-too-large', 'phdr[4].p_memsz', 2n ** 64n - 1n);
    expectElfError(typicalWith(1, { paddr: 2n ** 53n + 1n }), 'value-too-large', 'phdr[1].p_paddr', 2n ** 53n + 1n);
    expect(parseNexe(typicalWith(5, { align: 2n ** 53n - 1n })).phdrs[5]!.align).toBe(2 ** 53 - 1);
  });
});
