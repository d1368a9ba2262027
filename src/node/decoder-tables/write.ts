// Writes the decoder table file (format.ts) from the generated tables; run by scripts/build-cli.mjs.
import { writeFileSync } from 'node:fs';
import { FORM_ROWS, TABLE_DATA } from '../../decoder/tables.generated.ts';
import { INT_TABLES, MAGIC, type TableFileHeader } from './format.ts';

/** The file's bytes. */
export function encodeTableFile(): Uint8Array {
  const header: TableFileHeader = {
    ops: TABLE_DATA.ops.join('\n'), operands: TABLE_DATA.operands, lengths: INT_TABLES.map((name) => TABLE_DATA[name].length),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = (8 + headerBytes.length + 3) & ~3;
  const ints = INT_TABLES.reduce((n, name) => n + TABLE_DATA[name].length, 0);
  if (TABLE_DATA.ops.some((op) => op.includes('\n'))) throw new Error('decoder tables: an op name holds a newline');
  const rows = Buffer.from(FORM_ROWS, 'latin1');
  if (rows.toString('latin1') !== FORM_ROWS) throw new Error('decoder tables: FORM_ROWS is not Latin-1 text');
  const out = Buffer.alloc(start + 4 * ints + rows.length);
  out.write(MAGIC, 0, 'latin1');
  out.writeUInt32LE(headerBytes.length, 4);
  headerBytes.copy(out, 8);
  let at = start;
  for (const name of INT_TABLES) {
    for (const v of TABLE_DATA[name]) {
      out.writeInt32LE(v, at);
      at += 4;
    }
  }
  rows.copy(out, at);
  return out;
}

export function writeTableFile(path: string): void {
  writeFileSync(path, encodeTableFile());
}
