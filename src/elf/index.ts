// The nexe reader: ELF parsing with NaCl's loader rules. Runtime core: no Node APIs.
export { parseNexe, tryParseNexe, type Nexe, type ParseResult, type ProgramHeader, type Segment } from './nexe.ts';
export { ElfError, type ElfErrorCode, type NotLoadableCode, type UnreadableCode } from './error.ts';
export * from './constants.ts';
// Raw readers without the loader rules: for tools that show a file NaCl refuses (zvm elf).
export { readHeader, readProgramHeaders, type RawHeader, type RawProgramHeader } from './read.ts';
