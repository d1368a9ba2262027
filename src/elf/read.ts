// Reading the ELF header and program header table from bytes, with every 64-bit field kept exact
// as a bigint. Only what is needed to read the file is checked here; NaCl's rules are in loader-rules.ts.
import { ELFCLASS32, ELFCLASS64, ELFDATA2LSB } from './constants.ts';
import { ElfError } from './error.ts';

export interface RawHeader {
  class: 32 | 64;
  identVersion: number;
  osabi: number;
  abiVersion: number;
  type: number;
  machine: number;
  version: number;
  entry: bigint;
  phoff: bigint;
  flags: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
}

export interface RawProgramHeader {
  index: number;
  type: number;
  flags: number;
  offset: bigint;
  vaddr: bigint;
  paddr: bigint;
  filesz: bigint;
  memsz: bigint;
  align: bigint;
}

const MAGIC = [0x7f, 0x45, 0x4c, 0x46]; // "\x7fELF"
const IDENT_SIZE = 16;
export const HEADER_SIZE = { 32: 52, 64: 64 } as const;
export const PHDR_SIZE = { 32: 32, 64: 56 } as const;

/** Little-endian field reader over a byte array (bounds are checked by the callers). */
class Fields {
  private readonly view: DataView;
  constructor(bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  u16(at: number): number {
    return this.view.getUint16(at, true);
  }
  u32(at: number): number {
    return this.view.getUint32(at, true);
  }
  u64(at: number): bigint {
    return this.view.getBigUint64(at, true);
  }
  /** A 32-bit field in ELFCLASS32 files, a 64-bit one in ELFCLASS64. */
  addr(at: number, elfClass: 32 | 64): bigint {
    return elfClass === 64 ? this.u64(at) : BigInt(this.u32(at));
  }
}

export function readHeader(bytes: Uint8Array): RawHeader {
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= bytes.length) throw truncated(bytes.length, IDENT_SIZE, 'ELF identification');
    if (bytes[i] !== MAGIC[i]) {
      throw new ElfError('bad-magic', `e_ident[${i}]`, BigInt(bytes[i]!), 'not an ELF file (bad magic number)');
    }
  }
  if (bytes.length < IDENT_SIZE) throw truncated(bytes.length, IDENT_SIZE, 'ELF identification');
  const classByte = bytes[4]!;
  if (classByte !== ELFCLASS32 && classByte !== ELFCLASS64) {
    throw new ElfError('bad-class', 'e_ident[EI_CLASS]', BigInt(classByte), 'neither ELFCLASS32 nor ELFCLASS64');
  }
  if (bytes[5] !== ELFDATA2LSB) {
    throw new ElfError('bad-data-encoding', 'e_ident[EI_DATA]', BigInt(bytes[5]!), 'not little-endian (ELFDATA2LSB)');
  }
  const elfClass = classByte === ELFCLASS64 ? 64 : 32;
  if (bytes.length < HEADER_SIZE[elfClass]) {
    throw truncated(bytes.length, HEADER_SIZE[elfClass], `ELF${elfClass} header`);
  }
  const f = new Fields(bytes);
  const wide = elfClass === 64;
  // ELF32 and ELF64 headers share offsets up to e_entry; after it the 64-bit fields shift the rest.
  const after = wide ? 48 : 36;
  return {
    class: elfClass,
    identVersion: bytes[6]!,
    osabi: bytes[7]!,
    abiVersion: bytes[8]!,
    type: f.u16(16),
    machine: f.u16(18),
    version: f.u32(20),
    entry: f.addr(24, elfClass),
    phoff: f.addr(wide ? 32 : 28, elfClass),
    flags: f.u32(after),
    ehsize: f.u16(after + 4),
    phentsize: f.u16(after + 6),
    phnum: f.u16(after + 8),
  };
}

/** Reads the program header table; the caller has checked phentsize. */
export function readProgramHeaders(bytes: Uint8Array, header: RawHeader): RawProgramHeader[] {
  const size = BigInt(PHDR_SIZE[header.class]);
  const end = header.phoff + BigInt(header.phnum) * size; // exact: no wrap-around with bigint
  if (header.phnum > 0 && end > BigInt(bytes.length)) {
    throw new ElfError(
      'truncated',
      'e_phoff',
      header.phoff,
      `program header table (${header.phnum} entries) ends at 0x${end.toString(16)}, past the end of the file (0x${bytes.length.toString(16)} bytes)`,
    );
  }
  const f = new Fields(bytes);
  const phdrs: RawProgramHeader[] = [];
  for (let index = 0; index < header.phnum; index++) {
    const at = Number(header.phoff) + index * Number(size);
    phdrs.push(header.class === 64 ? readPhdr64(f, at, index) : readPhdr32(f, at, index));
  }
  return phdrs;
}

function readPhdr64(f: Fields, at: number, index: number): RawProgramHeader {
  return {
    index,
    type: f.u32(at),
    flags: f.u32(at + 4),
    offset: f.u64(at + 8),
    vaddr: f.u64(at + 16),
    paddr: f.u64(at + 24),
    filesz: f.u64(at + 32),
    memsz: f.u64(at + 40),
    align: f.u64(at + 48),
  };
}

function readPhdr32(f: Fields, at: number, index: number): RawProgramHeader {
  return {
    index,
    type: f.u32(at),
    offset: BigInt(f.u32(at + 4)),
    vaddr: BigInt(f.u32(at + 8)),
    paddr: BigInt(f.u32(at + 12)),
    filesz: BigInt(f.u32(at + 16)),
    memsz: BigInt(f.u32(at + 20)),
    flags: f.u32(at + 24),
    align: BigInt(f.u32(at + 28)),
  };
}

function truncated(length: number, needed: number, what: string): ElfError {
  return new ElfError('truncated', 'file length', BigInt(length), `file too short for the ${what} (${needed} bytes needed)`);
}
