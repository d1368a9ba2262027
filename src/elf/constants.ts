// ELF and NaCl loader constants used by the nexe reader.

export const ELFCLASS32 = 1;
export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const ET_EXEC = 2;
export const EM_X86_64 = 62;
/** The OS/ABI byte nacl-gcc writes; recorded, never required. */
export const ELFOSABI_NACL = 123;

export const PT_NULL = 0;
export const PT_LOAD = 1;
export const PT_DYNAMIC = 2;
export const PT_INTERP = 3;
export const PT_NOTE = 4;
export const PT_SHLIB = 5;
export const PT_PHDR = 6;
export const PT_TLS = 7;
export const PT_GNU_EH_FRAME = 0x6474e550;
export const PT_GNU_STACK = 0x6474e551;
export const PT_GNU_RELRO = 0x6474e552;

export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

/** NaCl refuses images with more program headers than this. */
export const MAX_PROGRAM_HEADERS = 128;
/** End of the trampoline region: the text segment must start exactly here. */
export const TEXT_START = 0x20000;
/** rodata and data must start on this (NaCl's allocation page) boundary. */
export const ALLOC_PAGE_SIZE = 0x10000;
/** At least this many bytes of HLT must fit between the end of text and the next segment. */
export const HALT_SLED_SIZE = 32;
/** Instruction bundle size: the entry point must be a multiple of it. */
export const BUNDLE_SIZE = 32;
/** Top of the untrusted address space (exclusive); a segment must end below it. */
export const ADDRESS_SPACE_END = 0x1_0000_0000;

const typeNames: Record<number, string> = {
  [PT_NULL]: 'NULL',
  [PT_LOAD]: 'LOAD',
  [PT_DYNAMIC]: 'DYNAMIC',
  [PT_INTERP]: 'INTERP',
  [PT_NOTE]: 'NOTE',
  [PT_SHLIB]: 'SHLIB',
  [PT_PHDR]: 'PHDR',
  [PT_TLS]: 'TLS',
  [PT_GNU_EH_FRAME]: 'GNU_EH_FRAME',
  [PT_GNU_STACK]: 'GNU_STACK',
  [PT_GNU_RELRO]: 'GNU_RELRO',
};

/** readelf-style name of a segment type, or its hex value. */
export function segmentTypeName(type: number): string {
  return typeNames[type] ?? `0x${type.toString(16)}`;
}

/** Flags as readelf shows them: "R E", "RW ", ... */
export function segmentFlagsText(flags: number): string {
  return (flags & PF_R ? 'R' : ' ') + (flags & PF_W ? 'W' : ' ') + (flags & PF_X ? 'E' : ' ');
}
