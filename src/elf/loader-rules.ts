// NaCl's loader rules for a nexe, applied to the exact (bigint) header fields.
// This file is part of the trusted base: every rule is one check with one typed error.
import {
  ADDRESS_SPACE_END,
  EM_X86_64,
  ET_EXEC,
  EV_CURRENT,
  MAX_PROGRAM_HEADERS,
  PF_R,
  PF_W,
  PF_X,
  PT_DYNAMIC,
  PT_GNU_STACK,
  PT_INTERP,
  PT_LOAD,
  PT_NOTE,
  PT_PHDR,
  PT_TLS,
  TEXT_START,
} from './constants.ts';
import { ElfError } from './error.ts';
import { PHDR_SIZE, type RawHeader, type RawProgramHeader } from './read.ts';

/** The segment kinds NaCl knows; each may appear at most once. */
export type SegmentKind = 'text' | 'rodata' | 'data' | 'tls' | 'note' | 'stack' | 'phdr';

/** The loadable segments and the TLS template picked out of the program headers. */
export type SegmentsByKind = Partial<Record<SegmentKind, RawProgramHeader>>;

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;

export function checkHeader(h: RawHeader): void {
  if (h.identVersion !== EV_CURRENT) {
    throw new ElfError('bad-version', 'e_ident[EI_VERSION]', BigInt(h.identVersion), 'not EV_CURRENT (1)');
  }
  if (h.version !== EV_CURRENT) throw new ElfError('bad-version', 'e_version', BigInt(h.version), 'not EV_CURRENT (1)');
  if (h.type !== ET_EXEC) throw new ElfError('not-exec', 'e_type', BigInt(h.type), 'not an executable (ET_EXEC = 2)');
  if (h.machine !== EM_X86_64) {
    // ELFCLASS32 images are accepted too, but only for this machine (an x32-style layout).
    throw new ElfError('bad-machine', 'e_machine', BigInt(h.machine), 'not EM_X86_64 (62)');
  }
  if (h.phentsize !== PHDR_SIZE[h.class]) {
    throw new ElfError('bad-phentsize', 'e_phentsize', BigInt(h.phentsize), `not ${PHDR_SIZE[h.class]} for ELF${h.class}`);
  }
  if (h.phnum > MAX_PROGRAM_HEADERS) {
    throw new ElfError('too-many-phdrs', 'e_phnum', BigInt(h.phnum), `more than ${MAX_PROGRAM_HEADERS} program headers`);
  }
}

/** Checks every program header; returns the segments by kind (empty PT_LOADs are skipped). */
export function checkProgramHeaders(phdrs: RawProgramHeader[], fileLength: number): SegmentsByKind {
  const found: SegmentsByKind = {};
  let previousLoad: RawProgramHeader | undefined;
  for (const p of phdrs) {
    checkInFile(p, BigInt(fileLength));
    const kind = segmentKind(p);
    if (kind === undefined) continue;
    if (found[kind]) {
      throw new ElfError('duplicate-segment', field(p, 'p_type'), BigInt(p.type), `a second ${kind} segment (first is phdr[${found[kind].index}])`);
    }
    found[kind] = p;
    if (p.type === PT_LOAD) {
      checkLoad(p, kind);
      if (previousLoad) checkAfter(previousLoad, p);
      previousLoad = p;
    }
  }
  if (!found.text) throw new ElfError('no-text', 'e_phnum', BigInt(phdrs.length), 'no R+X PT_LOAD (text) segment');
  return found;
}

/** The entry point must lie inside the text segment. */
export function checkEntry(entry: bigint, text: RawProgramHeader): void {
  if (entry < text.vaddr || entry >= text.vaddr + text.memsz) {
    throw new ElfError('entry-outside-text', 'e_entry', entry, `outside the text segment [${hex(text.vaddr)}, ${hex(text.vaddr + text.memsz)})`);
  }
}

/** Classifies a program header, refusing the kinds NaCl refuses; undefined means "skip it". */
function segmentKind(p: RawProgramHeader): SegmentKind | undefined {
  switch (p.type) {
    case PT_LOAD:
      if (p.memsz === 0n) return undefined; // real nexes carry an empty PT_LOAD at vaddr 0
      switch (p.flags) {
        case PF_R | PF_X:
          return 'text';
        case PF_R:
          return 'rodata';
        case PF_R | PF_W:
          return 'data';
      }
      throw new ElfError('bad-segment', field(p, 'p_flags'), BigInt(p.flags), 'PT_LOAD flags are none of R+X, R, R+W');
    case PT_GNU_STACK:
      if (p.flags & PF_X) throw new ElfError('executable-stack', field(p, 'p_flags'), BigInt(p.flags), 'PT_GNU_STACK is executable');
      return 'stack';
    case PT_TLS:
      return 'tls';
    case PT_NOTE:
      return 'note';
    case PT_PHDR:
      return 'phdr'; // not mapped: at vaddr 0 outside every PT_LOAD in real nexes
    case PT_INTERP:
      throw new ElfError('interp-present', field(p, 'p_type'), BigInt(p.type), 'PT_INTERP: nexes are static, there is no dynamic loader');
    case PT_DYNAMIC:
      throw new ElfError('dynamic-present', field(p, 'p_type'), BigInt(p.type), 'PT_DYNAMIC: dynamic linking is not supported');
  }
  throw new ElfError('bad-segment', field(p, 'p_type'), BigInt(p.type), 'segment type NaCl does not accept');
}

/** The bytes a segment names must lie inside the file. */
function checkInFile(p: RawProgramHeader, fileLength: bigint): void {
  if (p.offset > fileLength) {
    throw new ElfError('segment-out-of-bounds', field(p, 'p_offset'), p.offset, `past the end of the file (0x${fileLength.toString(16)} bytes)`);
  }
  if (p.filesz > fileLength - p.offset) {
    throw new ElfError('segment-out-of-bounds', field(p, 'p_filesz'), p.filesz, `offset ${hex(p.offset)} + filesz runs past the end of the file (${hex(fileLength)} bytes)`);
  }
}

function checkLoad(p: RawProgramHeader, kind: SegmentKind): void {
  if (kind === 'text' && p.vaddr !== BigInt(TEXT_START)) {
    throw new ElfError('text-not-at-0x20000', field(p, 'p_vaddr'), p.vaddr, `text must start at ${hex(TEXT_START)}`);
  }
  if (p.filesz > p.memsz) throw new ElfError('filesz-exceeds-memsz', field(p, 'p_filesz'), p.filesz, `larger than p_memsz ${hex(p.memsz)}`);
  const space = `outside [${hex(TEXT_START)}, ${hex(ADDRESS_SPACE_END)})`;
  if (p.vaddr < BigInt(TEXT_START) || p.vaddr >= BigInt(ADDRESS_SPACE_END)) {
    throw new ElfError('segment-out-of-range', field(p, 'p_vaddr'), p.vaddr, space);
  }
  if (p.memsz > BigInt(ADDRESS_SPACE_END) - p.vaddr) {
    throw new ElfError('segment-out-of-range', field(p, 'p_memsz'), p.memsz, `vaddr ${hex(p.vaddr)} + memsz ends ${space}`);
  }
}

/** PT_LOADs come in ascending address order and do not overlap. */
function checkAfter(prev: RawProgramHeader, p: RawProgramHeader): void {
  if (p.vaddr <= prev.vaddr) {
    throw new ElfError('segments-out-of-order', field(p, 'p_vaddr'), p.vaddr, `not above the previous PT_LOAD at ${hex(prev.vaddr)} (phdr[${prev.index}])`);
  }
  const prevEnd = prev.vaddr + prev.memsz;
  if (p.vaddr < prevEnd) {
    throw new ElfError('segments-overlap', field(p, 'p_vaddr'), p.vaddr, `overlaps phdr[${prev.index}] which ends at ${hex(prevEnd)}`);
  }
}

function field(p: RawProgramHeader, name: string): string {
  return `phdr[${p.index}].${name}`;
}
