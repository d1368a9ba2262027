// Stands in for src/decoder/tables.generated.ts in the zvm bundle (scripts/build-cli.mjs redirects
// that import here): the tables come from dist/decoder-tables.bin, written by the same build.
import type { TableFileData } from './format.ts';
import { readTableFile } from './read.ts';

/** The table file's path, set by the bundle's banner (next to the bundle). */
declare const __zvmDecoderTableFile: string;

const data: TableFileData = readTableFile(__zvmDecoderTableFile);
export const TABLE_DATA = data.TABLE_DATA;
export const FORM_ROWS = data.FORM_ROWS;
