// The one error type of the nexe reader: a code, the field at fault and its value.

/** The file cannot be read as an ELF image at all (exit status 2 in the CLI). */
export type UnreadableCode = 'bad-magic' | 'truncated';

/** A readable ELF image that NaCl's loader refuses (exit status 1 in the CLI). */
export type NotLoadableCode =
  | 'bad-class'
  | 'bad-data-encoding'
  | 'bad-version'
  | 'not-exec'
  | 'bad-machine'
  | 'bad-phentsize'
  | 'too-many-phdrs'
  | 'interp-present'
  | 'dynamic-present'
  | 'bad-segment'
  | 'executable-stack'
  | 'duplicate-segment'
  | 'no-text'
  | 'text-not-at-0x20000'
  | 'segment-out-of-bounds'
  | 'segment-out-of-range'
  | 'filesz-exceeds-memsz'
  | 'segments-out-of-order'
  | 'segments-overlap'
  | 'data-not-last'
  | 'segment-not-64k-aligned'
  | 'no-halt-sled-gap'
  | 'entry-outside-text'
  | 'entry-not-bundle-aligned'
  | 'value-too-large';

export type ElfErrorCode = UnreadableCode | NotLoadableCode;

const unreadableCodes: ReadonlySet<ElfErrorCode> = new Set<ElfErrorCode>(['bad-magic', 'truncated']);

export class ElfError extends Error {
  override readonly name = 'ElfError';
  /**
   * @param field where the fault is, e.g. 'e_phoff' or 'phdr[2].p_vaddr'
   * @param value the offending value, exact (64-bit fields can exceed 2^53)
   * @param detail what is wrong, in words; the message adds field and value
   */
  constructor(
    readonly code: ElfErrorCode,
    readonly field: string,
    readonly value: bigint,
    detail: string,
  ) {
    super(`${field} = 0x${value.toString(16)}: ${detail}`);
  }

  /** True when the input is not a readable ELF image (as opposed to one NaCl will not load). */
  get unreadable(): boolean {
    return unreadableCodes.has(this.code);
  }
}
