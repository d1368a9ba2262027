// Reads the decoder table file (format.ts). The int32 tables are views of the file's bytes.
import { readFileSync } from 'node:fs';
import { INT_TABLES, MAGIC, type TableFileData, type TableFileHeader } from './format.ts';

const LITTLE_ENDIAN = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** Decodes the file's bytes; throws an Error naming the file and the problem for a damaged file. */
export function decodeTableFile(bytes: Uint8Array, name: string): TableFileData {
  const bad = (why: string): never => {
    throw new Error(`${name}: not a zvm decoder table file (${why}); rebuild it with: npm run build`);
  };
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 8 || buf.toString('latin1', 0, 4) !== MAGIC) bad('no ZVMT header');
  const headerLength = buf.readUInt32LE(4);
  if (8 + headerLength > buf.length) bad('header past the end');
  let header: TableFileHeader;
  try {
    header = JSON.parse(buf.toString('utf8', 8, 8 + headerLength)) as TableFileHeader;
  } catch {
    return bad('header is not JSON');
  }
  if (!Array.isArray(header.lengths) || header.lengths.length !== INT_TABLES.length) bad('wrong table count');
  if (typeof header.ops !== 'string') bad('no op names');
  let at = (8 + headerLength + 3) & ~3;
  // A copy aligned for Int32Array when the file's bytes are not (Buffer pools may be unaligned).
  const aligned = (buf.byteOffset & 3) === 0 ? buf : Buffer.from(buf);
  const ints: Int32Array[] = [];
  for (const length of header.lengths) {
    if (!Number.isInteger(length) || length < 0 || at + 4 * length > buf.length) bad('table past the end');
    ints.push(LITTLE_ENDIAN ? new Int32Array(aligned.buffer, aligned.byteOffset + at, length)
      : Int32Array.from({ length }, (_, i) => buf.readInt32LE(at + 4 * i)));
    at += 4 * length;
  }
  const [FAST_INFO, FAST, FORM_LAYOUT] = ints as [Int32Array, Int32Array, Int32Array];
  return {
    TABLE_DATA: { ops: header.ops.split('\n'), operands: header.operands, FAST_INFO, FAST, FORM_LAYOUT },
    FORM_ROWS: buf.toString('latin1', at),
  };
}

export function readTableFile(path: string): TableFileData {
  return decodeTableFile(readFileSync(path), path);
}
