// The zvm bundle reads the decoder's tables from dist/decoder-tables.bin (src/node/decoder-tables/):
// what it reads must be exactly the generated tables, and a damaged file must say so by name.
import { describe, expect, it } from 'vitest';
import { FORM_ROWS, TABLE_DATA } from '../../src/decoder/tables.generated.ts';
import { INT_TABLES } from '../../src/node/decoder-tables/format.ts';
import { decodeTableFile } from '../../src/node/decoder-tables/read.ts';
import { encodeTableFile } from '../../src/node/decoder-tables/write.ts';

describe('decoder table file', () => {
  const bytes = encodeTableFile();

  it('reads back every table exactly', () => {
    const read = decodeTableFile(bytes, 'tables.bin');
    expect(read.TABLE_DATA.ops).toEqual(TABLE_DATA.ops);
    expect(read.TABLE_DATA.operands).toEqual(TABLE_DATA.operands);
    for (const name of INT_TABLES) {
      expect(read.TABLE_DATA[name]).toBeInstanceOf(Int32Array);
      expect(Array.from(read.TABLE_DATA[name])).toEqual(TABLE_DATA[name]);
    }
    expect(read.FORM_ROWS).toBe(FORM_ROWS);
  });

  it('reads the same from an unaligned copy of the bytes', () => {
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    const read = decodeTableFile(shifted, 'tables.bin');
    expect(Array.from(read.TABLE_DATA.FAST)).toEqual(TABLE_DATA.FAST);
    expect(read.FORM_ROWS).toBe(FORM_ROWS);
  });

  it('names the file and the problem when it is damaged', () => {
    const damaged = (b: Uint8Array) => () => decodeTableFile(b, 'dist/decoder-tables.bin');
    expect(damaged(bytes.subarray(0, 3))).toThrow(/dist\/decoder-tables\.bin: .*no ZVMT header/);
    const wrongMagic = new Uint8Array(bytes); // a copy (Buffer.slice would be a view)
    wrongMagic[0] = 0x41;
    expect(damaged(wrongMagic)).toThrow(/no ZVMT header/);
    expect(damaged(bytes.subarray(0, 20))).toThrow(/header past the end/);
    const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
    expect(damaged(bytes.subarray(0, 8 + headerLength + 100))).toThrow(/table past the end/);
    const notJson = new Uint8Array(bytes);
    notJson[8] = 0x7d; // '}' where the header's '{' was
    expect(damaged(notJson)).toThrow(/header is not JSON/);
  });
});
