// Tar writer: ustar headers; a pax 'x' header carries whatever ustar cannot hold (long paths or link
// targets, out-of-range times or ids).
import { encodeUtf8 } from '../../text/utf8.ts';
import { BLOCK, type TarEntry, type TarEntryType } from './entry.ts';
import { Field, checksums, octalFits, writeOctal, writeString, type FieldName } from './fields.ts';

const typeFlags: Readonly<Record<TarEntryType, string>> = {
  file: '0',
  hardlink: '1',
  symlink: '2',
  chardev: '3',
  blockdev: '4',
  dir: '5',
  fifo: '6',
};

/** Split a name into ustar prefix and name, or undefined when it cannot fit. */
function splitUstarName(name: Uint8Array): { prefix: Uint8Array; name: Uint8Array } | undefined {
  if (name.length <= 100) return { prefix: new Uint8Array(0), name };
  for (let i = Math.min(name.length - 1, 155); i > 0; i--) {
    if (name[i] === 0x2f && name.length - i - 1 <= 100 && name.length - i - 1 > 0) {
      return { prefix: name.subarray(0, i), name: name.subarray(i + 1) };
    }
  }
  return undefined;
}

function paxRecord(key: string, value: string): Uint8Array {
  const body = encodeUtf8(` ${key}=${value}\n`);
  let len = body.length + 1;
  while (String(len).length + body.length !== len) len = String(len).length + body.length;
  return encodeUtf8(`${len}${` ${key}=${value}\n`}`);
}

function header(
  name: { prefix: Uint8Array; name: Uint8Array },
  flag: string,
  numbers: Partial<Record<FieldName, number>>,
  linkname: Uint8Array,
): Uint8Array {
  const block = new Uint8Array(BLOCK);
  writeString(block, 'name', name.name);
  writeString(block, 'prefix', name.prefix);
  for (const [field, value] of Object.entries(numbers) as [FieldName, number][]) writeOctal(block, field, value);
  block[Field.typeflag[0]] = flag.charCodeAt(0);
  writeString(block, 'linkname', linkname);
  writeString(block, 'magic', encodeUtf8('ustar\0'));
  writeString(block, 'version', encodeUtf8('00'));
  const sum = checksums(block).unsigned;
  const text = sum.toString(8).padStart(6, '0');
  for (let i = 0; i < 6; i++) block[Field.chksum[0] + i] = text.charCodeAt(i);
  block[Field.chksum[0] + 6] = 0;
  block[Field.chksum[0] + 7] = 0x20;
  return block;
}

export function writeTar(entries: readonly TarEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const push = (b: Uint8Array) => {
    chunks.push(b);
    total += b.length;
    const pad = (BLOCK - (b.length % BLOCK)) % BLOCK;
    if (pad) {
      chunks.push(new Uint8Array(pad));
      total += pad;
    }
  };
  for (const e of entries) {
    const fullName = encodeUtf8(e.type === 'dir' ? `${e.path}/` : e.path);
    const link = encodeUtf8(e.linkpath);
    const size = e.type === 'file' ? e.data.length : 0;
    const records: Uint8Array[] = [];
    let name = splitUstarName(fullName);
    if (!name) {
      records.push(paxRecord('path', e.type === 'dir' ? `${e.path}/` : e.path));
      name = { prefix: new Uint8Array(0), name: fullName.subarray(0, 100) };
    }
    if (link.length > 100) records.push(paxRecord('linkpath', e.linkpath));
    const numbers: Partial<Record<FieldName, number>> = { mode: e.mode & 0o7777, size };
    for (const [field, value] of [['uid', e.uid], ['gid', e.gid], ['mtime', e.mtime]] as const) {
      if (octalFits(field, value)) numbers[field] = value;
      else records.push(paxRecord(field, String(Math.trunc(value))));
    }
    if (!octalFits('size', size)) throw new RangeError(`member ${e.path} is too large for a tar archive`);
    if (records.length > 0) {
      const content = new Uint8Array(records.reduce((n, r) => n + r.length, 0));
      let p = 0;
      for (const r of records) {
        content.set(r, p);
        p += r.length;
      }
      const base = e.path.split('/').pop() ?? '';
      const paxName = encodeUtf8(`PaxHeaders/${base}`).subarray(0, 100);
      push(header({ prefix: new Uint8Array(0), name: paxName }, 'x', { mode: 0o644, size: content.length, mtime: numbers.mtime ?? 0 }, new Uint8Array(0)));
      push(content);
    }
    push(header(name, typeFlags[e.type], numbers, link.subarray(0, 100)));
    if (size > 0) push(e.data);
  }
  push(new Uint8Array(BLOCK * 2));
  const out = new Uint8Array(total);
  let p = 0;
  for (const c of chunks) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}
