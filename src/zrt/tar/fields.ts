// ustar header field layout and the number/string codecs shared by the reader and writer.
import { decodeUtf8 } from '../../text/utf8.ts';
import { TarError } from './tar-error.ts';

/** [offset, length] of each ustar header field. */
export const Field = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  chksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 6],
  version: [263, 2],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155],
} as const satisfies Record<string, readonly [number, number]>;

export type FieldName = keyof typeof Field;


/** A NUL-terminated (or full-width) string field. */
export function readString(block: Uint8Array, field: FieldName): string {
  const [off, len] = Field[field];
  let end = off;
  while (end < off + len && block[end] !== 0) end++;
  return decodeUtf8(block.subarray(off, end));
}

/**
 * A numeric field: octal digits with optional leading spaces and trailing spaces/NULs, or GNU base-256
 * (first byte has the high bit set). An all-blank field reads as 0.
 */
export function readNumber(block: Uint8Array, field: FieldName, headerOffset: number): number {
  const [off, len] = Field[field];
  const first = block[off]!;
  if (first & 0x80) {
    if (first === 0xff) throw new TarError('bad-number', headerOffset + off, `negative base-256 ${field} field`);
    let v = first & 0x7f;
    for (let i = 1; i < len; i++) {
      v = v * 256 + block[off + i]!;
      if (v > Number.MAX_SAFE_INTEGER) throw new TarError('bad-number', headerOffset + off, `${field} field too large`);
    }
    return v;
  }
  let i = off;
  const end = off + len;
  while (i < end && block[i] === 0x20) i++;
  let v = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = block[i]!;
    if (c === 0 || c === 0x20) break;
    if (c < 0x30 || c > 0x37) {
      throw new TarError('bad-number', headerOffset + off, `bad octal ${field} field ${JSON.stringify(rawText(block, off, len))}`);
    }
    v = v * 8 + (c - 0x30);
    digits++;
  }
  for (; i < end; i++) {
    const c = block[i]!;
    if (c !== 0 && c !== 0x20) {
      throw new TarError('bad-number', headerOffset + off, `bad octal ${field} field ${JSON.stringify(rawText(block, off, len))}`);
    }
  }
  return digits === 0 ? 0 : v;
}

function rawText(block: Uint8Array, off: number, len: number): string {
  return Array.from(block.subarray(off, off + len), (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`)).join('');
}

/** Sum of the header bytes with the checksum field read as spaces (the ustar rule), unsigned and signed. */
export function checksums(block: Uint8Array): { unsigned: number; signed: number } {
  let unsigned = 0;
  let signed = 0;
  const [cOff, cLen] = Field.chksum;
  for (let i = 0; i < 512; i++) {
    const b = i >= cOff && i < cOff + cLen ? 0x20 : block[i]!;
    unsigned += b;
    signed += b > 127 ? b - 256 : b;
  }
  return { unsigned, signed };
}

export function writeString(block: Uint8Array, field: FieldName, bytes: Uint8Array): void {
  const [off, len] = Field[field];
  block.set(bytes.subarray(0, len), off);
}

/** Octal, zero-padded to the field width minus one, NUL-terminated; the caller checks the range. */
export function writeOctal(block: Uint8Array, field: FieldName, value: number): void {
  const [off, len] = Field[field];
  const text = Math.trunc(value).toString(8).padStart(len - 1, '0');
  for (let i = 0; i < len - 1; i++) block[off + i] = text.charCodeAt(i);
  block[off + len - 1] = 0;
}

export function octalFits(field: FieldName, value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < 8 ** (Field[field][1] - 1);
}
