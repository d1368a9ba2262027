// NaCl's (and ZeroVM's) loader rules for a nexe, applied to the exact (bigint) header fields.
// This file is part of the trusted base: every rule is one check with one typed error.
import {
  ADDRESS_SPACE_END,
  ALLOC_PAGE_SIZE,
  BUNDLE_SIZE,
  EM_X86_64,
  ET_EXEC,
  EV_CURRENT,
  HALT_SLED_SIZE,
  MAX_PROGRAM_HEADERS,
  PF_R,
  PF_W,
  PF_X,
  PT_DYNAMIC,
  PT_GNU_EH_FRAME,
  PT_GNU_RELRO,
  PT_GNU_STACK,
  PT_INTERP,
  PT_LOAD,
  PT_NOTE,
  PT_NULL,
  PT_PHDR,
  PT_TLS,
  TEXT_START,
} from './constants.ts';
import { ElfError } from './error.ts';
import { PHDR_SIZE, type RawHeader, type RawProgramHeader } from './read.ts';

/** The (type, flags) pairs NaCl accepts in a non-empty segment; each kind may appear at most once. */
const ALLOWED = [
  { kind: 'text', type: PT_LOAD, flags: PF_R | PF_X },
  { kind: 'rodata', type: PT_LOAD, flags: PF_R },
  { kind: 'data', type: PT_LOAD, flags: PF_R | PF_W },
  { kind: 'phdr', type: PT_PHDR, flags: PF_R },
  { kind: 'tls', type: PT_TLS, flags: PF_R },
  { kind: 'stack', type: PT_GNU_STACK, flags: PF_R | PF_W },
  { kind: 'note', type: PT_NOTE, flags: PF_R },
  { kind: 'eh-frame', type: PT_GNU_EH_FRAME, flags: PF_R },
  { kind: 'relro', type: PT_GNU_RELRO, flags: PF_R },
  { kind: 'null', type: PT_NULL, flags: PF_R },
] as const;

export type SegmentKind = (typeof ALLOWED)[number]['kind'];

/** The program header of each kind found (empty segments are skipped). */
export type SegmentsByKind = Partial<Record<SegmentKind, RawProgramHeader>>;

const hex = (v: bigint | number): string => `0x${v.toString(16)}`;
const big = BigInt;

export function checkHeader(h: RawHeader): void {
  if (h.identVersion !== EV_CURRENT) {
    throw new ElfError('bad-version', 'e_ident[EI_VERSION]', big(h.identVersion), 'not EV_CURRENT (1)');
  }
  if (h.version !== EV_CURRENT) throw new ElfError('bad-version', 'e_version', big(h.version), 'not EV_CURRENT (1)');
  if (h.type !== ET_EXEC) throw new ElfError('not-exec', 'e_type', big(h.type), 'not an executable (ET_EXEC = 2)');
  // ELFCLASS32 images are accepted too, but only for this machine (an x32-style layout).
  if (h.machine !== EM_X86_64) throw new ElfError('bad-machine', 'e_machine', big(h.machine), 'not EM_X86_64 (62)');
  if (h.phentsize !== PHDR_SIZE[h.class]) {
    throw new ElfError('bad-phentsize', 'e_phentsize', big(h.phentsize), `not ${PHDR_SIZE[h.class]} for ELF${h.class}`);
  }
  if (h.phnum > MAX_PROGRAM_HEADERS) {
    throw new ElfError('too-many-phdrs', 'e_phnum', big(h.phnum), `more than ${MAX_PROGRAM_HEADERS} program headers`);
  }
}

/** Checks every program header and the layout of the loaded segments; returns the segments by kind. */
export function checkProgramHeaders(phdrs: RawProgramHeader[], fileLength: number): SegmentsByKind {
  const found: SegmentsByKind = {};
  let previousLoad: RawProgramHeader | undefined;
  for (const p of phdrs) {
    checkInFile(p, big(fileLength));
    const kind = segmentKind(p);
    if (kind === undefined) continue;
    const first = found[kind];
    if (first) throw new ElfError('duplicate-segment', field(p, 'p_type'), big(p.type), `a second ${kind} segment (the first is phdr[${first.index}])`);
    found[kind] = p;
    if (p.type === PT_LOAD) {
      checkLoad(p, kind);
      if (previousLoad) checkAfter(previousLoad, p);
      previousLoad = p;
    }
  }
  if (!found.text) throw new ElfError('no-text', 'e_phnum', big(phdrs.length), 'no R+X PT_LOAD (text) segment');
  checkLayout(found.text, found.rodata, found.data);
  return found;
}

/** The entry point must be a bundle start inside the text bytes of the file. */
export function checkEntry(entry: bigint, text: RawProgramHeader): void {
  const end = text.vaddr + text.filesz;
  if (entry < text.vaddr || entry >= end) {
    throw new ElfError('entry-outside-text', 'e_entry', entry, `outside the text [${hex(text.vaddr)}, ${hex(end)})`);
  }
  if (entry % big(BUNDLE_SIZE) !== 0n) {
    throw new ElfError('entry-not-bundle-aligned', 'e_entry', entry, `not a multiple of the ${BUNDLE_SIZE}-byte bundle size`);
  }
}

/** Classifies a program header, refusing what NaCl refuses; undefined means "skip it". */
function segmentKind(p: RawProgramHeader): SegmentKind | undefined {
  // Refused even when empty: a nexe is static and its stack is never executable.
  if (p.type === PT_INTERP) throw new ElfError('interp-present', field(p, 'p_type'), big(p.type), 'PT_INTERP: nexes are static, there is no dynamic loader');
  if (p.type === PT_DYNAMIC) throw new ElfError('dynamic-present', field(p, 'p_type'), big(p.type), 'PT_DYNAMIC: dynamic linking is not supported');
  if (p.type === PT_GNU_STACK && p.flags & PF_X) throw new ElfError('executable-stack', field(p, 'p_flags'), big(p.flags), 'PT_GNU_STACK is executable');
  if (p.memsz === 0n) return undefined; // NaCl skips empty segments (real nexes have an empty PT_LOAD at 0)
  const allowed = ALLOWED.find((a) => a.type === p.type && a.flags === p.flags);
  if (!allowed) {
    const typeKnown = ALLOWED.some((a) => a.type === p.type);
    return typeKnown
      ? bad(p, 'p_flags', p.flags, 'flags not allowed for this segment type')
      : bad(p, 'p_type', p.type, 'segment type NaCl does not accept');
  }
  // NaCl would map a non-empty GNU_STACK like data; no toolchain makes one, so refuse it.
  if (allowed.kind === 'stack') return bad(p, 'p_memsz', p.memsz, 'PT_GNU_STACK must be empty');
  return allowed.kind;
}

function bad(p: RawProgramHeader, name: string, value: number | bigint, detail: string): never {
  throw new ElfError('bad-segment', field(p, name), big(value), detail);
}

/** The bytes a segment names must lie inside the file. */
function checkInFile(p: RawProgramHeader, fileLength: bigint): void {
  if (p.offset > fileLength) {
    throw new ElfError('segment-out-of-bounds', field(p, 'p_offset'), p.offset, `past the end of the file (${hex(fileLength)} bytes)`);
  }
  if (p.filesz > fileLength - p.offset) {
    throw new ElfError('segment-out-of-bounds', field(p, 'p_filesz'), p.filesz, `offset ${hex(p.offset)} + filesz runs past the end of the file (${hex(fileLength)} bytes)`);
  }
}

function checkLoad(p: RawProgramHeader, kind: SegmentKind): void {
  if (kind === 'text' && p.vaddr !== big(TEXT_START)) {
    throw new ElfError('text-not-at-0x20000', field(p, 'p_vaddr'), p.vaddr, `text must start at ${hex(TEXT_START)}`);
  }
  const space = `outside [${hex(TEXT_START)}, ${hex(ADDRESS_SPACE_END)})`;
  if (p.vaddr < big(TEXT_START) || p.vaddr >= big(ADDRESS_SPACE_END)) {
    throw new ElfError('segment-out-of-range', field(p, 'p_vaddr'), p.vaddr, space);
  }
  // The last byte must lie below 4 GiB: NaCl refuses a segment ending exactly at 4 GiB.
  if (p.memsz >= big(ADDRESS_SPACE_END) - p.vaddr) {
    throw new ElfError('segment-out-of-range', field(p, 'p_memsz'), p.memsz, `vaddr ${hex(p.vaddr)} + memsz reaches ${hex(ADDRESS_SPACE_END)}`);
  }
  if (p.filesz > p.memsz) throw new ElfError('filesz-exceeds-memsz', field(p, 'p_filesz'), p.filesz, `larger than p_memsz ${hex(p.memsz)}`);
}

/** PT_LOADs come in ascending address order and do not overlap. */
function checkAfter(prev: RawProgramHeader, p: RawProgramHeader): void {
  if (p.vaddr <= prev.vaddr) {
    throw new ElfError('segments-out-of-order', field(p, 'p_vaddr'), p.vaddr, `not above the previous PT_LOAD at ${hex(prev.vaddr)} (phdr[${prev.index}])`);
  }
  const prevEnd = prev.vaddr + prev.memsz;
  if (p.vaddr < prevEnd) {
    throw new ElfError('segments-overlap', field(p, 'p_vaddr'), p.vaddr, `overlaps phdr[${prev.index}], which ends at ${hex(prevEnd)}`);
  }
}

/**
 * ZeroVM's address-space layout: rodata and data start on 64 KiB pages, data (the heap's start) is the
 * last segment, and a halt sled fits between the end of the text bytes and the next segment.
 */
function checkLayout(text: RawProgramHeader, rodata?: RawProgramHeader, data?: RawProgramHeader): void {
  if (rodata && data && rodata.vaddr > data.vaddr) {
    throw new ElfError('data-not-last', field(data, 'p_vaddr'), data.vaddr, `data is below rodata (phdr[${rodata.index}] at ${hex(rodata.vaddr)})`);
  }
  for (const p of [rodata, data]) {
    if (p && p.vaddr % big(ALLOC_PAGE_SIZE) !== 0n) {
      throw new ElfError('segment-not-64k-aligned', field(p, 'p_vaddr'), p.vaddr, `not a multiple of ${hex(ALLOC_PAGE_SIZE)}`);
    }
  }
  const next = rodata ?? data;
  const sledEnd = text.vaddr + text.filesz + big(HALT_SLED_SIZE);
  if (next && next.vaddr < sledEnd) {
    throw new ElfError('no-halt-sled-gap', field(next, 'p_vaddr'), next.vaddr, `below the end of text + ${HALT_SLED_SIZE}-byte halt sled (${hex(sledEnd)})`);
  }
}

function field(p: RawProgramHeader, name: string): string {
  return `phdr[${p.index}].${name}`;
}
