// Finds the executable PT_LOAD segment of an ELF64 image (the nexe's text), so
// the validator can check exactly what the loader would map.

export interface TextSegment {
  vaddr: number;
  bytes: Uint8Array;
}

const PT_LOAD = 1;
const PF_X = 1;

/** The executable segment, or throws if the image is not ELF64 little-endian or has none. */
export function textSegment(image: Uint8Array): TextSegment {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  if (image.length < 64 || view.getUint32(0, false) !== 0x7f454c46 || image[4] !== 2 || image[5] !== 1) {
    throw new Error('not an ELF64 little-endian file');
  }
  const phoff = Number(view.getBigUint64(32, true));
  const phentsize = view.getUint16(54, true);
  const phnum = view.getUint16(56, true);
  for (let i = 0; i < phnum; i++) {
    const at = phoff + i * phentsize;
    if (at + 56 > image.length) throw new Error('program header table runs past the end of the file');
    if (view.getUint32(at, true) !== PT_LOAD || (view.getUint32(at + 4, true) & PF_X) === 0) continue;
    const offset = Number(view.getBigUint64(at + 8, true));
    const vaddr = Number(view.getBigUint64(at + 16, true));
    const filesz = Number(view.getBigUint64(at + 32, true));
    if (offset + filesz > image.length) throw new Error('text segment runs past the end of the file');
    return { vaddr, bytes: image.subarray(offset, offset + filesz) };
  }
  throw new Error('no executable PT_LOAD segment');
}
