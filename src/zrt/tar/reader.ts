// Tar reader: ustar and v7 headers, GNU long names ('L'/'K') and pax extended headers ('x'/'g': path,
// linkpath, size, mtime, uid, gid). It reads the whole archive or throws one TarError: never a partial list.
import { decodeUtf8 } from '../../text/utf8.ts';
import { BLOCK, type TarEntry, type TarEntryType } from './entry.ts';
import { checksums, readNumber, readString } from './fields.ts';
import { TarError } from './tar-error.ts';

const memberTypes: Readonly<Record<string, TarEntryType>> = {
  '0': 'file',
  '\0': 'file',
  '7': 'file',
  '1': 'hardlink',
  '2': 'symlink',
  '3': 'chardev',
  '4': 'blockdev',
  '5': 'dir',
  '6': 'fifo',
};

function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK; i++) if (block[i] !== 0) return false;
  return true;
}

function padded(size: number): number {
  return Math.ceil(size / BLOCK) * BLOCK;
}

/** Split a member path into safe parts: drops "", "." and a leading "/", refuses "..". */
export function normalizeMemberPath(raw: string, offset: number): string {
  const parts = raw.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.includes('..')) throw new TarError('unsafe-path', offset, `member path ${JSON.stringify(raw)} leaves the mount point`);
  return parts.join('/');
}

/** Parse pax "LEN key=value\n" records. */
export function parsePax(content: Uint8Array, offset: number): Map<string, string> {
  const out = new Map<string, string>();
  let pos = 0;
  while (pos < content.length) {
    let p = pos;
    let len = 0;
    while (p < content.length && content[p]! >= 0x30 && content[p]! <= 0x39 && p - pos < 12) len = len * 10 + content[p++]! - 0x30;
    if (p === pos || content[p] !== 0x20 || len <= p - pos + 1 || pos + len > content.length || content[pos + len - 1] !== 0x0a) {
      throw new TarError('bad-pax', offset, `bad pax record at byte ${pos} of the extended header`);
    }
    const record = decodeUtf8(content.subarray(p + 1, pos + len - 1));
    const eq = record.indexOf('=');
    if (eq <= 0) throw new TarError('bad-pax', offset, `pax record without key=value at byte ${pos} of the extended header`);
    out.set(record.slice(0, eq), record.slice(eq + 1));
    pos += len;
  }
  return out;
}

function paxInteger(pax: ReadonlyMap<string, string>, key: string, offset: number): number | undefined {
  const v = pax.get(key);
  if (v === undefined) return undefined;
  if (key === 'mtime' ? !/^-?\d+(\.\d+)?$/.test(v) : !/^\d+$/.test(v)) {
    throw new TarError('bad-pax', offset, `bad pax ${key} value ${JSON.stringify(v)}`);
  }
  const n = Math.floor(Number(v));
  if (!Number.isSafeInteger(n)) throw new TarError('bad-pax', offset, `pax ${key} value ${v} too large`);
  return n;
}

/** Read every member of `bytes`. */
export function readTar(bytes: Uint8Array): TarEntry[] {
  const entries: TarEntry[] = [];
  const globals = new Map<string, string>();
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  let pendingSince = -1; // offset of an extended header still waiting for its member
  let off = 0;
  for (;;) {
    if (off + BLOCK > bytes.length) {
      if (off === bytes.length) throw new TarError('missing-end', off, 'archive ends without its end-of-archive block');
      throw new TarError('truncated', off, `truncated header (${bytes.length - off} of 512 bytes)`);
    }
    const block = bytes.subarray(off, off + BLOCK);
    if (isZeroBlock(block)) {
      if (pendingSince >= 0) throw new TarError('truncated', pendingSince, 'extended header not followed by a member');
      return entries;
    }
    const stored = readNumber(block, 'chksum', off);
    const sums = checksums(block);
    if (stored !== sums.unsigned && stored !== sums.signed) {
      throw new TarError('bad-checksum', off, `bad header checksum (stored ${stored}, computed ${sums.unsigned})`);
    }
    const flag = String.fromCharCode(block[156]!);
    let size = readNumber(block, 'size', off);
    const dataStart = off + BLOCK;

    if (flag === 'L' || flag === 'K' || flag === 'x' || flag === 'g') {
      if (dataStart + size > bytes.length) throw new TarError('truncated', off, `truncated extended header '${flag}'`);
      const content = bytes.subarray(dataStart, dataStart + size);
      if (flag === 'L' || flag === 'K') {
        let end = 0;
        while (end < content.length && content[end] !== 0) end++;
        const text = decodeUtf8(content.subarray(0, end));
        if (flag === 'L') longName = text;
        else longLink = text;
      } else if (flag === 'x') {
        for (const [k, v] of parsePax(content, off)) pax.set(k, v);
      } else {
        for (const [k, v] of parsePax(content, off)) globals.set(k, v);
      }
      if (flag !== 'g' && pendingSince < 0) pendingSince = off;
      off = dataStart + padded(size);
      continue;
    }

    const merged = new Map([...globals, ...pax]);
    const ustar = readString(block, 'magic') === 'ustar' && block[263] === 0x30 && block[264] === 0x30;
    const prefix = ustar ? readString(block, 'prefix') : '';
    const headerName = prefix ? `${prefix}/${readString(block, 'name')}` : readString(block, 'name');
    const rawName = longName ?? merged.get('path') ?? headerName;
    const rawLink = longLink ?? merged.get('linkpath') ?? readString(block, 'linkname');
    size = paxInteger(merged, 'size', off) ?? size;
    const type = memberTypes[flag];
    if (!type) throw new TarError('unsupported-type', off, `unsupported member type '${flag}' for ${JSON.stringify(rawName)}`);
    const dataSize = type === 'file' ? size : 0;
    if (dataStart + dataSize > bytes.length) {
      throw new TarError('truncated', off, `truncated member ${JSON.stringify(rawName)} (${bytes.length - dataStart} of ${dataSize} bytes)`);
    }
    const path = normalizeMemberPath(rawName, off);
    if (path === '' && type !== 'dir') throw new TarError('unsafe-path', off, `member ${JSON.stringify(rawName)} has no name`);
    entries.push({
      path,
      type,
      mode: readNumber(block, 'mode', off) & 0o7777,
      uid: paxInteger(merged, 'uid', off) ?? readNumber(block, 'uid', off),
      gid: paxInteger(merged, 'gid', off) ?? readNumber(block, 'gid', off),
      mtime: paxInteger(merged, 'mtime', off) ?? readNumber(block, 'mtime', off),
      data: bytes.slice(dataStart, dataStart + dataSize),
      linkpath: type === 'hardlink' ? normalizeMemberPath(rawLink, off) : type === 'symlink' ? rawLink : '',
    });
    pax = new Map();
    longName = undefined;
    longLink = undefined;
    pendingSince = -1;
    off = dataStart + padded(dataSize);
  }
}
