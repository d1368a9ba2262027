// The ABI struct offsets, recomputed from the header field types with C's natural-alignment rules.
import { describe, expect, it } from 'vitest';
import { DirentLayout, StatLayout, TimespecLayout, TimevalLayout } from '../../src/zrt/abi.ts';
import { encodeDirent } from '../../src/zrt/syscalls/structs.ts';

/** Offsets and size of a C struct whose fields have the given sizes (each aligned to its own size). */
function layout(fields: [string, number][]): Record<string, number> {
  const out: Record<string, number> = {};
  let off = 0;
  let align = 1;
  for (const [name, size] of fields) {
    off = Math.ceil(off / size) * size;
    out[name] = off;
    off += size;
    align = Math.max(align, size);
  }
  out.SIZE = Math.ceil(off / align) * align;
  return out;
}

describe('NaCl ABI layouts (x86-64 NaCl: 32-bit long, 64-bit time_t/off_t/dev_t/ino_t)', () => {
  it('nacl_abi_stat', () => {
    // dev_t i64, ino_t u64, mode_t u32, nlink_t u32, uid_t u32, gid_t u32, dev_t i64, off_t i64,
    // blksize_t i32, blkcnt_t i32, then time_t i64 / int64_t nsec for atime, mtime, ctime
    const expected = layout([
      ['dev', 8], ['ino', 8], ['mode', 4], ['nlink', 4], ['uid', 4], ['gid', 4], ['rdev', 8], ['size', 8],
      ['blksize', 4], ['blocks', 4], ['atime', 8], ['atimensec', 8], ['mtime', 8], ['mtimensec', 8], ['ctime', 8], ['ctimensec', 8],
    ]);
    expect({ ...StatLayout }).toEqual(expected);
  });

  it('nacl_abi_timeval and nacl_abi_timespec', () => {
    expect({ ...TimevalLayout }).toEqual(layout([['sec', 8], ['usec', 4]]));
    expect({ ...TimespecLayout }).toEqual(layout([['sec', 8], ['nsec', 4]]));
  });

  it('nacl_abi_dirent records', () => {
    const l = layout([['ino', 8], ['off', 8], ['reclen', 2]]);
    expect(DirentLayout).toEqual({ ino: l.ino, off: l.off, reclen: l.reclen, name: 18 });
    for (const name of ['a', 'abcde', 'abcdef', 'x'.repeat(255)]) {
      const rec = encodeDirent(7, 3, name);
      const v = new DataView(rec.buffer);
      expect(rec.length).toBe(Math.ceil((18 + name.length + 1) / 8) * 8);
      expect(v.getUint16(16, true)).toBe(rec.length);
      expect(rec[18 + name.length]).toBe(0);
      expect(Number(v.getBigUint64(0, true))).toBe(7);
      expect(Number(v.getBigInt64(8, true))).toBe(3);
    }
  });
});
