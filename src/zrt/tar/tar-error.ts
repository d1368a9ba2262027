// The one error type of the tar reader and mounter: a code, the archive offset and a precise message.

export type TarErrorCode =
  | 'bad-checksum'
  | 'bad-number'
  | 'bad-pax'
  | 'truncated'
  | 'missing-end'
  | 'unsupported-type'
  | 'unsafe-path'
  | 'bad-link'
  | 'conflict';

export class TarError extends Error {
  override readonly name = 'TarError';
  constructor(
    readonly code: TarErrorCode,
    /** Byte offset in the archive of the header at fault (-1 when the fault is not tied to one). */
    readonly offset: number,
    detail: string,
  ) {
    super(offset >= 0 ? `${detail} at offset ${offset}` : detail);
  }
}
