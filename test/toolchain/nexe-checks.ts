// Checks every zvm cc nexe must pass, independent of the build's own validation.
import { expect } from 'vitest';
import { textSegment } from '../../src/toolchain/elf-text.ts';
import { validateNexeText } from '../../src/validator/index.ts';

export function expectNaClLayout(image: Uint8Array): void {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  expect([image[4], image[5]], 'ELFCLASS64, little-endian').toEqual([2, 1]);
  expect(image[7], 'EI_OSABI').toBe(123);
  expect(image[8], 'EI_ABIVERSION').toBe(7);
  expect(view.getUint16(16, true), 'e_type').toBe(2); // ET_EXEC
  expect(view.getUint16(18, true), 'e_machine').toBe(62); // EM_X86_64
  expect(view.getUint32(48, true), 'e_flags').toBe(0x200000);
  const text = textSegment(image);
  expect(text.vaddr).toBe(0x20000);
  const entry = Number(view.getBigUint64(24, true));
  expect(entry >= text.vaddr && entry < text.vaddr + text.bytes.length && entry % 32 === 0).toBe(true);
  // every loadable segment other than text starts on a 64 KiB boundary
  const phoff = Number(view.getBigUint64(32, true));
  for (let i = 0; i < view.getUint16(56, true); i++) {
    const at = phoff + i * view.getUint16(54, true);
    if (view.getUint32(at, true) !== 1) continue;
    const vaddr = Number(view.getBigUint64(at + 16, true));
    expect(vaddr % 0x10000, `segment at 0x${vaddr.toString(16)}`).toBe(0);
  }
}

export function expectValidText(image: Uint8Array): void {
  const text = textSegment(image);
  const result = validateNexeText(text.bytes, { callAlignmentWarnings: true });
  expect(result.errors).toEqual([]);
  expect(result.warnings).toEqual([]);
}
