export class NvramError extends Error {
  override readonly name = 'NvramError';
  constructor(
    /** 1-based line number in the nvram text. */
    readonly line: number,
    detail: string,
  ) {
    super(`nvram line ${line}: ${detail}`);
  }
}
