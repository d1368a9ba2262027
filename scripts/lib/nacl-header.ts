// Stamps the ELF header fields that nacl-gcc wrote into real nexes: OS/ABI 123
// (NaCl), ABI version 7, e_flags EF_NACL_ALIGN_32. GNU ld writes SYSV/0/0.

export const NACL_ELFOSABI = 123;
export const NACL_ABIVERSION = 7;
export const EF_NACL_ALIGN_32 = 0x200000;

const EI_OSABI = 7;
const EI_ABIVERSION = 8;
const E_FLAGS_OFFSET = 48; // ELF64 header: e_flags after e_entry/e_phoff/e_shoff
const ELF64_HEADER_SIZE = 64;

/** Rewrites the header in place; throws unless `image` starts with an ELF64 little-endian header. */
export function stampNaClHeader(image: Uint8Array): void {
  if (image.length < ELF64_HEADER_SIZE) throw new Error(`not an ELF64 file: only ${image.length} bytes`);
  const magicOk = image[0] === 0x7f && image[1] === 0x45 && image[2] === 0x4c && image[3] === 0x46;
  if (!magicOk) throw new Error('not an ELF file: bad magic at offset 0');
  if (image[4] !== 2 || image[5] !== 1) throw new Error('not an ELF64 little-endian file (offsets 4-5)');
  image[EI_OSABI] = NACL_ELFOSABI;
  image[EI_ABIVERSION] = NACL_ABIVERSION;
  new DataView(image.buffer, image.byteOffset, image.byteLength).setUint32(E_FLAGS_OFFSET, EF_NACL_ALIGN_32, true);
}
