// The decoder's tables as one binary file, for the zvm bundle (Node only): the same data as
// src/decoder/tables.generated.ts, but its int32 tables are read as they lie instead of parsed
// from JSON text (that parse, and the text's copies in the bundle and its code cache, were ~10 ms
// of a `zvm exec`'s start-up). Layout, little-endian: "ZVMT", u32 header length, header (JSON:
// op names, operands, and the int32 tables' lengths), zero padding to a multiple of 4, the int32
// tables in INT_TABLES order, then FORM_ROWS as Latin-1 text.
import type { TableData } from '../../decoder/table-data.ts';

export const MAGIC = 'ZVMT';

/** The int32 tables, in file order. */
export const INT_TABLES = ['FAST_INFO', 'FAST', 'FORM_LAYOUT'] as const;

export interface TableFileHeader {
  /** The op names joined by newlines (one string parses faster than an array of 1 000). */
  ops: string;
  operands: TableData['operands'];
  lengths: number[];
}

/** What the file holds: TableData without the form rows, whose int32 tables may be typed arrays. */
export interface TableFileData {
  TABLE_DATA: Omit<TableData, 'forms' | (typeof INT_TABLES)[number]> & Record<(typeof INT_TABLES)[number], ArrayLike<number>>;
  FORM_ROWS: string;
}
