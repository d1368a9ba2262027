// parseNexe: bytes in, a checked Nexe (or a typed ElfError) out.
import { ElfError } from './error.ts';
import { checkEntry, checkHeader, checkProgramHeaders } from './loader-rules.ts';
import { readHeader, readProgramHeaders, type RawProgramHeader } from './read.ts';

/** One program header as stored in the file (all of them, including the skipped ones). */
export interface ProgramHeader {
  index: number;
  type: number;
  flags: number;
  offset: number;
  vaddr: number;
  paddr: number;
  filesz: number;
  memsz: number;
  align: number;
}

/** A segment the loader uses; `bytes` is a view (no copy) of its filesz bytes in the input. */
export interface Segment extends ProgramHeader {
  bytes: Uint8Array;
}

export interface Nexe {
  class: 32 | 64;
  /** OS/ABI byte (123 = NaCl), ABI version and e_flags: recorded, not required by the loader. */
  osabi: number;
  abiVersion: number;
  flags: number;
  type: number;
  machine: number;
  version: number;
  entry: number;
  phoff: number;
  ehsize: number;
  phentsize: number;
  phnum: number;
  phdrs: ProgramHeader[];
  /** The R+X PT_LOAD at 0x20000. */
  text: Segment;
  /** The R PT_LOAD, if any. */
  rodata?: Segment;
  /** The R+W PT_LOAD (data + bss), if any. */
  data?: Segment;
  /** The PT_TLS template, if any. */
  tls?: Segment;
}

export type ParseResult = { ok: true; nexe: Nexe } | { ok: false; error: ElfError };

/** Parses a nexe with NaCl's loader rules; throws ElfError when it is unreadable or not loadable. */
export function parseNexe(bytes: Uint8Array): Nexe {
  const raw = readHeader(bytes);
  checkHeader(raw);
  const rawPhdrs = readProgramHeaders(bytes, raw);
  const kinds = checkProgramHeaders(rawPhdrs, bytes.length);
  const text = kinds.text!; // checkProgramHeaders guarantees it
  checkEntry(raw.entry, text);
  // Every rule has passed; numbers must still be exact, so a field of 2^53 or more is refused here.
  const phdrs = rawPhdrs.map(toProgramHeader);
  const segment = (p: RawProgramHeader | undefined): Segment | undefined => {
    if (!p) return undefined;
    const header = phdrs[p.index]!;
    return { ...header, bytes: bytes.subarray(header.offset, header.offset + header.filesz) };
  };
  const nexe: Nexe = {
    class: raw.class,
    osabi: raw.osabi,
    abiVersion: raw.abiVersion,
    flags: raw.flags,
    type: raw.type,
    machine: raw.machine,
    version: raw.version,
    entry: exact(raw.entry, 'e_entry'),
    phoff: exact(raw.phoff, 'e_phoff'),
    ehsize: raw.ehsize,
    phentsize: raw.phentsize,
    phnum: raw.phnum,
    phdrs,
    text: segment(text)!,
  };
  const rodata = segment(kinds.rodata);
  const data = segment(kinds.data);
  const tls = segment(kinds.tls);
  if (rodata) nexe.rodata = rodata;
  if (data) nexe.data = data;
  if (tls) nexe.tls = tls;
  return nexe;
}

/** Like parseNexe, but returns the ElfError instead of throwing it (other exceptions still propagate). */
export function tryParseNexe(bytes: Uint8Array): ParseResult {
  try {
    return { ok: true, nexe: parseNexe(bytes) };
  } catch (e) {
    if (e instanceof ElfError) return { ok: false, error: e };
    throw e;
  }
}

function toProgramHeader(p: RawProgramHeader): ProgramHeader {
  const f = (name: string, v: bigint) => exact(v, `phdr[${p.index}].${name}`);
  return {
    index: p.index,
    type: p.type,
    flags: p.flags,
    offset: f('p_offset', p.offset),
    vaddr: f('p_vaddr', p.vaddr),
    paddr: f('p_paddr', p.paddr),
    filesz: f('p_filesz', p.filesz),
    memsz: f('p_memsz', p.memsz),
    align: f('p_align', p.align),
  };
}

function exact(v: bigint, field: string): number {
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new ElfError('value-too-large', field, v, 'does not fit a JavaScript number exactly (2^53 or more)');
  }
  return Number(v);
}
