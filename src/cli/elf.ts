// zvm elf: show a nexe's ELF header and program headers, and say whether NaCl's loader accepts it.
import { readFileSync } from 'node:fs';
import {
  type ElfError,
  type Nexe,
  type RawHeader,
  type RawProgramHeader,
  readHeader,
  readProgramHeaders,
  segmentFlagsText,
  segmentTypeName,
  tryParseNexe,
} from '../elf/index.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm elf [--json] FILE.nexe

Shows the ELF header and program headers of FILE.nexe (like readelf -h -l), then checks it
with NaCl's and ZeroVM's loader rules and prints the verdict. The rules: little-endian ELF64
(or ELFCLASS32) for x86-64, ET_EXEC, at most 128 program headers; one R+X text PT_LOAD at
0x20000, optional R rodata and RW data PT_LOADs on 64 KiB boundaries, in ascending order,
not overlapping, data last, inside [0x20000, 4 GiB) and leaving a 32-byte halt sled after the
text; other segments only PHDR, TLS, NOTE, GNU_EH_FRAME, GNU_RELRO (flags R), GNU_STACK (RW,
empty), each kind once; no INTERP or DYNAMIC; empty segments skipped; every segment's bytes
inside the file; entry point bundle-aligned inside the text. OS/ABI is shown, not required.

  loadable: yes                        exit status 0
  loadable: no: <field = value: why>   exit status 1
A file that is not an ELF image or is cut short gets a one-line error and exit status 2.

options:
  --json   print the header, program headers and verdict as JSON instead
           (64-bit values of 2^53 or more appear as hex strings)
  --help   show this text`;

export const elfCommand: Command = {
  name: 'elf',
  summary: 'show a nexe\'s ELF headers and check it with NaCl\'s loader rules',
  run(args) {
    if (args.includes('--help') || args.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const json = args.includes('--json');
    const rest = args.filter((a) => a !== '--json');
    const unknown = rest.find((a) => a.startsWith('-'));
    if (unknown) throw new UsageError(`unknown option '${unknown}' (see zvm elf --help)`);
    if (rest.length !== 1) throw new UsageError('expected exactly one FILE.nexe (see zvm elf --help)');
    const file = rest[0]!;
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(file);
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as Error).message}`);
    }
    const result = tryParseNexe(bytes);
    if (!result.ok && result.error.unreadable) {
      process.stderr.write(`zvm elf: ${file}: ${result.error.message} (${result.error.code})\n`);
      return 2;
    }
    const error = result.ok ? undefined : result.error;
    const { header, phdrs } = readWhatWeCan(bytes);
    if (json) {
      const segments = result.ok ? segmentIndexes(result.nexe) : undefined;
      process.stdout.write(toJson({ file, loadable: !error, error: error && errorJson(error), segments, header, phdrs }) + '\n');
    } else {
      process.stdout.write(describe(header, phdrs, error));
    }
    return error ? 1 : 0;
  },
};

/** The header and table as stored, when they can be read at all (the verdict comes from parseNexe). */
function readWhatWeCan(bytes: Uint8Array): { header?: RawHeader; phdrs?: RawProgramHeader[] } {
  let header: RawHeader;
  try {
    header = readHeader(bytes);
  } catch {
    return {};
  }
  const standardEntries = header.phentsize === (header.class === 64 ? 56 : 32);
  try {
    return { header, phdrs: standardEntries ? readProgramHeaders(bytes, header) : undefined };
  } catch {
    return { header };
  }
}

const hex = (v: bigint | number, width = 0): string => '0x' + v.toString(16).padStart(width, '0');

function describe(h: RawHeader | undefined, phdrs: RawProgramHeader[] | undefined, error: ElfError | undefined): string {
  const out: string[] = [];
  if (h) {
    out.push(
      'ELF header:',
      `  Class:            ELF${h.class}`,
      `  OS/ABI:           ${h.osabi}${h.osabi === 123 ? ' (NaCl)' : h.osabi === 0 ? ' (System V)' : ''}`,
      `  ABI version:      ${h.abiVersion}`,
      `  Type:             ${h.type}${h.type === 2 ? ' (EXEC)' : ''}`,
      `  Machine:          ${h.machine}${h.machine === 62 ? ' (x86-64)' : ''}`,
      `  Version:          ${h.version}`,
      `  Entry point:      ${hex(h.entry)}`,
      `  Flags:            ${hex(h.flags)}`,
      `  Program headers:  ${h.phnum} at offset ${hex(h.phoff)}, ${h.phentsize} bytes each`,
      '',
    );
  }
  if (phdrs) {
    out.push('Program headers:');
    out.push('  ' + ['#', 'Type', 'Offset', 'VirtAddr', 'FileSiz', 'MemSiz', 'Flg', 'Align'].map((t, i) => t.padEnd(widths[i]!)).join(' ').trimEnd());
    for (const p of phdrs) {
      const cells = [String(p.index), segmentTypeName(p.type), hex(p.offset, 6), hex(p.vaddr, 8), hex(p.filesz, 6), hex(p.memsz, 6), segmentFlagsText(p.flags), hex(p.align)];
      out.push('  ' + cells.map((c, i) => c.padEnd(widths[i]!)).join(' ').trimEnd());
    }
    out.push('');
  }
  out.push(error ? `loadable: no: ${error.message} (${error.code})` : 'loadable: yes');
  return out.join('\n') + '\n';
}

const widths = [3, 12, 10, 10, 10, 10, 3, 8];

/** Which program header each segment the loader uses came from. */
function segmentIndexes(n: Nexe): Record<string, number> {
  const found = { text: n.text, rodata: n.rodata, data: n.data, tls: n.tls };
  return Object.fromEntries(Object.entries(found).flatMap(([k, s]) => (s ? [[k, s.index]] : [])));
}

function errorJson(e: ElfError) {
  return { code: e.code, field: e.field, value: e.value, message: e.message, unreadable: e.unreadable };
}

function toJson(value: object): string {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? (v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : hex(v)) : v), 2);
}
