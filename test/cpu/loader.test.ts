// The minimal loader: segments with the right permissions, hlt padding, and the entry state of
// zerovm.md §8 (rsp as after a call, rdi -> the startup block, r15 = 0, the user manifest pointer).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Perm } from '../../src/cpu/memory.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { ARGV0, USER_MANIFEST_POINTER, helloHost, loadNexe } from '../../src/loader/index.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const nexe = parseNexe(new Uint8Array(readFileSync(path.join(root, 'fixtures', 'checksum.nexe'))));

describe('loader', () => {
  const { machine, memory, textEnd, breakAddress } = loadNexe(nexe, { handler: helloHost().handler });
  const s = machine.state;
  it('entry state', () => {
    expect(s.rip).toBe(nexe.entry);
    const rsp = s.getLo(4) >>> 0;
    expect(s.getHi(4)).toBe(0);
    expect((rsp + 8) % 16).toBe(0);
    expect(s.getLo(7) >>> 0).toBe(rsp + 8);
    expect(s.getLo(5) >>> 0).toBe(rsp);
    for (const r of [0, 1, 2, 3, 6, 8, 9, 10, 11, 12, 13, 14, 15]) expect(s.getBig(r)).toBe(0n);
    const block = rsp + 8;
    const word = (k: number) => memory.dv.getUint32(block + 4 * k, true);
    expect([word(0), word(1), word(2), word(3), word(4), word(5)]).toEqual([0, 0, 1, ARGV0, 0, 0]);
    expect(memory.u8[ARGV0]).toBe(0);
  });
  it('segments and permissions', () => {
    const perm = (a: number) => memory.perm[a >>> 16];
    expect(perm(0)).toBe(Perm.None);
    expect(perm(0x10000)).toBe(Perm.RX);
    expect(perm(0x20000)).toBe(Perm.RX);
    expect(Array.from(memory.u8.subarray(nexe.text.vaddr, nexe.text.vaddr + nexe.text.filesz))).toEqual(Array.from(nexe.text.bytes));
    expect(memory.u8[textEnd]).toBe(0xf4); // hlt padding
    expect(perm(nexe.rodata!.vaddr)).toBe(Perm.R);
    expect(perm(nexe.data!.vaddr)).toBe(Perm.RW);
    expect(breakAddress).toBe(nexe.data!.vaddr + nexe.data!.memsz);
    expect(perm(0x80000000)).toBe(Perm.RW); // heap
    expect(perm(USER_MANIFEST_POINTER)).toBe(Perm.R);
    expect(perm(0xfffffff0)).toBe(Perm.RW); // stack
    const manifest = memory.dv.getUint32(USER_MANIFEST_POINTER, true);
    expect(memory.dv.getUint32(manifest + 8, true)).toBe(16 * 1024 * 1024);
  });
  it('the program decodes the whole text', () => {
    expect(machine.program.indexOf(nexe.entry)).toBeGreaterThanOrEqual(0);
    expect(machine.program.indexOf(textEnd - 1)).toBeGreaterThanOrEqual(0); // a padding hlt
  });
});
