// Test-only ELF writer: builds nexe images in memory from a description, so the tests do not
// depend on a toolchain. Any field may be given any value (bigints up to 2^64 - 1) to build bad images.

export type Int = number | bigint;

export interface PhdrSpec {
  type: number;
  flags: number;
  vaddr: Int;
  /** Bytes stored in the file for this segment; filesz defaults to their length. */
  data?: Uint8Array;
  memsz?: Int;
  /** Overrides: default offset is where `data` was placed, default filesz is data.length. */
  offset?: Int;
  filesz?: Int;
  paddr?: Int;
  align?: Int;
}

export interface ElfSpec {
  class?: 32 | 64;
  /** e_ident bytes 0..15 overrides, by index. */
  ident?: Record<number, number>;
  type?: number;
  machine?: number;
  version?: number;
  entry?: Int;
  phoff?: Int;
  flags?: number;
  ehsize?: number;
  phentsize?: number;
  phnum?: number;
  phdrs: PhdrSpec[];
}

export const EHDR_SIZE = { 32: 52, 64: 64 } as const;
export const PHDR_ENTRY_SIZE = { 32: 32, 64: 56 } as const;

/** Where each program header field lives inside one table entry, and its width in bytes. */
export function phdrFieldLayout(elfClass: 32 | 64): Record<string, [number, number]> {
  return elfClass === 64
    ? { p_type: [0, 4], p_flags: [4, 4], p_offset: [8, 8], p_vaddr: [16, 8], p_paddr: [24, 8], p_filesz: [32, 8], p_memsz: [40, 8], p_align: [48, 8] }
    : { p_type: [0, 4], p_offset: [4, 4], p_vaddr: [8, 4], p_paddr: [12, 4], p_filesz: [16, 4], p_memsz: [20, 4], p_flags: [24, 4], p_align: [28, 4] };
}

/** Where each ELF header field lives, and its width in bytes. */
export function headerFieldLayout(elfClass: 32 | 64): Record<string, [number, number]> {
  const w = elfClass === 64 ? 8 : 4;
  const after = elfClass === 64 ? 48 : 36;
  return {
    EI_CLASS: [4, 1], EI_DATA: [5, 1], EI_VERSION: [6, 1], EI_OSABI: [7, 1], EI_ABIVERSION: [8, 1],
    e_type: [16, 2], e_machine: [18, 2], e_version: [20, 4], e_entry: [24, w], e_phoff: [24 + w, w],
    e_shoff: [24 + 2 * w, w], e_flags: [after, 4], e_ehsize: [after + 4, 2], e_phentsize: [after + 6, 2],
    e_phnum: [after + 8, 2], e_shentsize: [after + 10, 2], e_shnum: [after + 12, 2], e_shstrndx: [after + 14, 2],
  };
}

/** Writes an unsigned little-endian value of `width` bytes, truncating it to that width. */
export function writeUint(bytes: Uint8Array, at: number, width: number, value: Int): void {
  let v = BigInt.asUintN(width * 8, BigInt(value));
  for (let i = 0; i < width; i++) {
    bytes[at + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

export function buildElf(spec: ElfSpec): Uint8Array {
  const cls = spec.class ?? 64;
  const phoff = spec.phoff ?? EHDR_SIZE[cls];
  const tableEnd = EHDR_SIZE[cls] + spec.phdrs.length * PHDR_ENTRY_SIZE[cls];
  // Segment data follows the header and table, each piece 16-byte aligned.
  const placed: number[] = [];
  let end = tableEnd;
  for (const p of spec.phdrs) {
    end = Math.ceil(end / 16) * 16;
    placed.push(end);
    end += p.data?.length ?? 0;
  }
  const bytes = new Uint8Array(end);
  bytes.set([0x7f, 0x45, 0x4c, 0x46, cls === 64 ? 2 : 1, 1, 1, 123, 7]);
  for (const [i, v] of Object.entries(spec.ident ?? {})) bytes[Number(i)] = v;
  const h = headerFieldLayout(cls);
  const put = (name: string, v: Int) => writeUint(bytes, h[name]![0], h[name]![1], v);
  put('e_type', spec.type ?? 2);
  put('e_machine', spec.machine ?? 62);
  put('e_version', spec.version ?? 1);
  put('e_entry', spec.entry ?? 0x20000);
  put('e_phoff', phoff);
  put('e_flags', spec.flags ?? 0x200000);
  put('e_ehsize', spec.ehsize ?? EHDR_SIZE[cls]);
  put('e_phentsize', spec.phentsize ?? PHDR_ENTRY_SIZE[cls]);
  put('e_phnum', spec.phnum ?? spec.phdrs.length);
  const f = phdrFieldLayout(cls);
  spec.phdrs.forEach((p, i) => {
    const base = EHDR_SIZE[cls] + i * PHDR_ENTRY_SIZE[cls];
    const set = (name: string, v: Int) => writeUint(bytes, base + f[name]![0], f[name]![1], v);
    const filesz = p.filesz ?? p.data?.length ?? 0;
    set('p_type', p.type);
    set('p_flags', p.flags);
    set('p_offset', p.offset ?? placed[i]!);
    set('p_vaddr', p.vaddr);
    set('p_paddr', p.paddr ?? p.vaddr);
    set('p_filesz', filesz);
    set('p_memsz', p.memsz ?? filesz);
    set('p_align', p.align ?? 0x10000);
    if (p.data) bytes.set(p.data, placed[i]!);
  });
  return bytes;
}

// Common segment shapes of a real nexe.
const R = 4, W = 2, X = 1;
export const PT = { LOAD: 1, DYNAMIC: 2, INTERP: 3, NOTE: 4, PHDR: 6, TLS: 7, GNU_STACK: 0x6474e551 } as const;
export const PF = { R, W, X, RX: R | X, RW: R | W, RWX: R | W | X } as const;

export function filled(length: number, byte: number): Uint8Array {
  return new Uint8Array(length).fill(byte);
}

/** The program headers of a typical nexe: PHDR at 0, text, rodata, data+bss, TLS, GNU_STACK. */
export function typicalPhdrs(elfClass: 32 | 64 = 64): PhdrSpec[] {
  const phdrCount = 6;
  return [
    { type: PT.PHDR, flags: R, vaddr: 0, offset: EHDR_SIZE[elfClass], filesz: phdrCount * PHDR_ENTRY_SIZE[elfClass], align: 8 },
    { type: PT.LOAD, flags: PF.RX, vaddr: 0x20000, data: filled(0x40, 0x90), align: 0x10000 },
    { type: PT.LOAD, flags: R, vaddr: 0x30000, data: filled(0x20, 0x41) },
    { type: PT.LOAD, flags: PF.RW, vaddr: 0x40000, data: filled(0x30, 0x42), memsz: 0x1000 },
    { type: PT.TLS, flags: R, vaddr: 0x40000, data: filled(0x10, 0x42), memsz: 0x20, align: 16 },
    { type: PT.GNU_STACK, flags: PF.RW, vaddr: 0, align: 16 },
  ];
}

export function typicalNexe(overrides: Partial<ElfSpec> = {}): Uint8Array {
  return buildElf({ phdrs: typicalPhdrs(overrides.class), entry: 0x20020, ...overrides });
}
