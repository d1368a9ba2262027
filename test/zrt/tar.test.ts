// The tar reader against archives made by GNU tar (ustar, gnu, pax), the writer read back by GNU tar,
// typed errors for corrupt and truncated archives, and export/import round trips.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFileSystem } from '../../src/zrt/fs/file-system.ts';
import { unpackEntries } from '../../src/zrt/fs/tar-mount.ts';
import type { TarEntry } from '../../src/zrt/tar/entry.ts';
import { readTar } from '../../src/zrt/tar/reader.ts';
import { TarError } from '../../src/zrt/tar/tar-error.ts';
import { writeTar } from '../../src/zrt/tar/writer.ts';

let work: string;
const MTIME = 1_400_000_000;
const longDir = 'd'.repeat(70) + '/' + 'e'.repeat(70); // 141 chars: ustar needs the prefix field
const veryLong = ('n'.repeat(90) + '/').repeat(3) + 'leaf.txt'; // 281 chars: beyond ustar
const longTarget = 't'.repeat(150);
const binary = Uint8Array.from({ length: 5000 }, (_, i) => (i * 31 + 7) & 0xff);

function makeTree(dir: string, format: string): void {
  fs.mkdirSync(path.join(dir, 'a', 'sub'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'a', 'hello.txt'), 'hi there\n');
  fs.writeFileSync(path.join(dir, 'a', 'empty'), '');
  fs.writeFileSync(path.join(dir, 'a', 'bin.dat'), binary);
  fs.writeFileSync(path.join(dir, 'a', 'run.sh'), '#!/bin/sh\n');
  fs.chmodSync(path.join(dir, 'a', 'run.sh'), 0o755);
  fs.symlinkSync('hello.txt', path.join(dir, 'a', 'link'));
  fs.linkSync(path.join(dir, 'a', 'hello.txt'), path.join(dir, 'a', 'sub', 'hard'));
  fs.mkdirSync(path.join(dir, longDir), { recursive: true });
  fs.writeFileSync(path.join(dir, longDir, 'f'), 'long');
  if (format !== 'ustar') {
    fs.mkdirSync(path.join(dir, path.dirname(veryLong)), { recursive: true });
    fs.writeFileSync(path.join(dir, veryLong), 'very long');
    fs.symlinkSync(longTarget, path.join(dir, 'a', 'longlink'));
  }
  for (const p of walk(dir)) fs.lutimesSync(p, MTIME, MTIME);
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    out.push(p);
    if (e.isDirectory()) out.push(...walk(p));
  }
  return out;
}

function gnuTar(format: string, dir: string, extra: string[] = []): Uint8Array {
  const out = path.join(work, `${format}-${Math.random().toString(36).slice(2)}.tar`);
  execFileSync('tar', [`--format=${format}`, '-b1', '-cf', out, '--sort=name', ...extra, '-C', dir, '.']);
  return new Uint8Array(fs.readFileSync(out));
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'zrt-tar-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe('reading GNU tar archives', () => {
  for (const format of ['ustar', 'gnu', 'pax']) {
    it(`reads --format=${format}`, () => {
      const dir = path.join(work, `tree-${format}`);
      makeTree(dir, format);
      const entries = readTar(gnuTar(format, dir));
      const byPath = new Map(entries.map((e) => [e.path, e]));
      expect(byPath.get('')?.type).toBe('dir'); // "./" itself
      expect(byPath.get('a')?.type).toBe('dir');
      expect(new TextDecoder().decode(byPath.get('a/hello.txt')!.data)).toBe('hi there\n');
      expect(byPath.get('a/bin.dat')!.data).toEqual(binary);
      expect(byPath.get('a/empty')!.data.length).toBe(0);
      expect(byPath.get('a/run.sh')!.mode).toBe(0o755);
      expect(byPath.get('a/hello.txt')!.mode).toBe(fs.statSync(path.join(dir, 'a', 'hello.txt')).mode & 0o7777);
      expect(byPath.get('a/link')).toMatchObject({ type: 'symlink', linkpath: 'hello.txt' });
      // GNU tar stores whichever name of a hard-linked pair it meets second as the link
      const hard = [byPath.get('a/sub/hard')!, byPath.get('a/hello.txt')!];
      expect(hard.map((e) => e.type).sort()).toEqual(['file', 'hardlink']);
      expect(hard.find((e) => e.type === 'hardlink')!.linkpath).toBe(hard.find((e) => e.type === 'file')!.path);
      expect(new TextDecoder().decode(byPath.get(`${longDir}/f`)!.data)).toBe('long');
      for (const e of entries) if (e.path !== '') expect(e.mtime).toBe(MTIME);
      if (format !== 'ustar') {
        expect(new TextDecoder().decode(byPath.get(veryLong)!.data)).toBe('very long');
        expect(byPath.get('a/longlink')).toMatchObject({ type: 'symlink', linkpath: longTarget });
      }
      const onDisk = walk(dir).map((p) => path.relative(dir, p)).sort();
      expect(entries.map((e) => e.path).filter((p) => p !== '').sort()).toEqual(onDisk);
    });
  }

  it('applies pax size and mtime records', () => {
    const dir = path.join(work, 'pax-mtime');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'f'), 'x');
    fs.utimesSync(path.join(dir, 'f'), 1.5, 10_000_000_000.25); // beyond 11 octal digits: pax mtime
    const entries = readTar(gnuTar('pax', dir));
    expect(entries.find((e) => e.path === 'f')!.mtime).toBe(10_000_000_000);
  });
});

function entry(p: string, type: TarEntry['type'], extra: Partial<TarEntry> = {}): TarEntry {
  return { path: p, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 1000, gid: 1000, mtime: MTIME, data: new Uint8Array(0), linkpath: '', ...extra };
}

describe('writing archives GNU tar reads', () => {
  it('writes ustar, with pax records for what ustar cannot hold', () => {
    const entries: TarEntry[] = [
      entry('top', 'dir'),
      entry('top/a.txt', 'file', { data: new TextEncoder().encode('alpha'), mode: 0o600 }),
      entry('top/' + 'x'.repeat(120) + '/' + 'y'.repeat(120), 'dir'),
      entry('top/' + 'x'.repeat(120) + '/' + 'y'.repeat(120) + '/deep.bin', 'file', { data: binary }),
      entry('top/sym', 'symlink', { linkpath: 'a.txt' }),
      entry('top/longsym', 'symlink', { linkpath: longTarget }),
      entry('top/hard', 'hardlink', { linkpath: 'top/a.txt' }),
      entry('top/ünïcödé', 'file', { data: new TextEncoder().encode('u') }),
      entry('top/future', 'file', { mtime: 2 ** 33 + 5 }),
    ];
    const bytes = writeTar(entries);
    expect(bytes.length % 512).toBe(0);
    const file = path.join(work, 'ours.tar');
    fs.writeFileSync(file, bytes);
    const listed = execFileSync('tar', ['-tf', file], { encoding: 'utf8' }).trim().split('\n');
    expect(listed).toEqual(entries.map((e) => (e.type === 'dir' ? `${e.path}/` : e.path)));
    const out = path.join(work, 'ours-x');
    fs.mkdirSync(out);
    execFileSync('tar', ['-xf', file, '-C', out]);
    expect(fs.readFileSync(path.join(out, 'top/a.txt'), 'utf8')).toBe('alpha');
    expect(fs.statSync(path.join(out, 'top/a.txt')).mode & 0o777).toBe(0o600);
    expect(new Uint8Array(fs.readFileSync(path.join(out, entries[3]!.path)))).toEqual(binary);
    expect(fs.readlinkSync(path.join(out, 'top/longsym'))).toBe(longTarget);
    expect(fs.statSync(path.join(out, 'top/hard')).ino).toBe(fs.statSync(path.join(out, 'top/a.txt')).ino);
    expect(fs.statSync(path.join(out, 'top/a.txt')).mtimeMs).toBe(MTIME * 1000);
    expect(fs.statSync(path.join(out, 'top/future')).mtimeMs).toBe((2 ** 33 + 5) * 1000);
    expect(readTar(bytes)).toEqual(entries);
  });

  it('round-trips arbitrary member lists through writeTar and readTar', () => {
    const segment = fc.stringMatching(/^[a-zA-Z0-9._-]{1,40}$/).filter((s) => s !== '.' && s !== '..');
    const member = fc.record({
      path: fc.array(segment, { minLength: 1, maxLength: 8 }).map((p) => p.join('/')),
      data: fc.uint8Array({ maxLength: 1500 }),
      mode: fc.integer({ min: 0, max: 0o7777 }),
      mtime: fc.integer({ min: 0, max: 2 ** 40 }),
      uid: fc.integer({ min: 0, max: 2 ** 24 }),
    });
    fc.assert(
      fc.property(fc.uniqueArray(member, { selector: (m) => m.path, maxLength: 6 }), (members) => {
        const entries = members.map((m) => entry(m.path, 'file', { data: m.data, mode: m.mode, mtime: m.mtime, uid: m.uid }));
        expect(readTar(writeTar(entries))).toEqual(entries);
      }),
      { numRuns: 150 },
    );
  });
});

describe('number fields and global headers', () => {
  it('reads GNU base-256 numbers', () => {
    const bytes = writeTar([entry('f', 'file', { data: new Uint8Array(3) })]);
    bytes.fill(0, 108, 116);
    bytes[108] = 0x80;
    bytes[114] = 0x01;
    bytes[115] = 0x02; // uid = 0x0102 in base-256
    fixChecksum(bytes, 0);
    expect(readTar(bytes)[0]!.uid).toBe(0x102);
  });

  it('applies pax global records to every later member (GNU tar --pax-option)', () => {
    const dir = path.join(work, 'pax-global');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'one'), '1');
    fs.writeFileSync(path.join(dir, 'two'), '2');
    const bytes = gnuTar('pax', dir, ['--pax-option=comment=made-by-test,uid=4242']);
    expect(String.fromCharCode(bytes[156]!)).toBe('g');
    const entries = readTar(bytes);
    expect(entries.map((e) => e.path)).toEqual(['', 'one', 'two']);
    for (const e of entries) expect(e.uid).toBe(4242);
  });
});

describe('corrupt and truncated archives', () => {
  let good: Uint8Array;
  beforeAll(() => {
    const dir = path.join(work, 'corrupt-src');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'first.txt'), 'x'.repeat(700));
    fs.writeFileSync(path.join(dir, 'second.bin'), binary);
    fs.mkdirSync(path.join(dir, 'zdir'));
    good = gnuTar('gnu', dir);
  });

  const offsetOf = (name: string) => readTarHeaders(good).find((h) => h.name.endsWith(name))!.offset;

  it('names the bad checksum and its offset', () => {
    const bad = good.slice();
    const at = offsetOf('second.bin');
    bad[at + 3] ^= 0x01;
    expect(() => readTar(bad)).toThrow(TarError);
    expect(() => readTar(bad)).toThrow(new RegExp(`bad header checksum .* at offset ${at}$`));
  });

  it('names a truncated member and its header offset', () => {
    const at = offsetOf('second.bin');
    const cut = good.slice(0, at + 512 + 100);
    const err = catchTar(cut);
    expect(err.code).toBe('truncated');
    expect(err.offset).toBe(at);
    expect(err.message).toBe(`truncated member "./second.bin" (100 of 5000 bytes) at offset ${at}`);
  });

  it('names a bad octal field', () => {
    const bad = good.slice();
    const at = offsetOf('first.txt');
    bad[at + 124 + 3] = 0x39; // '9' in the size field
    fixChecksum(bad, at);
    const err = catchTar(bad);
    expect(err.code).toBe('bad-number');
    expect(err.message).toMatch(/^bad octal size field "0000?9?/);
  });

  it('refuses an archive without its end block, and members escaping with ..', () => {
    expect(catchTar(good.slice(0, good.length - 1024)).code).toBe('missing-end');
    const evil = writeTar([entry('a', 'file')]);
    evil.set(new TextEncoder().encode('../../etc/passwd\0'), 0);
    fixChecksum(evil, 0);
    expect(catchTar(evil).code).toBe('unsafe-path');
  });

  it('any truncation before the end block throws a TarError (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 513 }), (len) => {
        expect(catchTar(good.slice(0, len))).toBeInstanceOf(TarError);
      }),
      { numRuns: 300 },
    );
  });

  it('random corruption gives a mountable image or a TarError, never another exception (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ at: fc.integer({ min: 0, max: good.length - 1 }), value: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        (edits, fix) => {
          const bad = good.slice();
          for (const { at, value } of edits) bad[at] = value;
          if (fix) for (const h of readTarHeaders(good)) fixChecksum(bad, h.offset);
          try {
            // whatever parses must also mount (or be refused as a whole) without any other exception
            const fsys = new MemoryFileSystem({ now: () => ({ sec: 0, nsec: 0 }) });
            unpackEntries(fsys, fsys.root, readTar(bad));
          } catch (e) {
            expect(e).toBeInstanceOf(TarError);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});

function catchTar(bytes: Uint8Array): TarError {
  try {
    readTar(bytes);
  } catch (e) {
    if (e instanceof TarError) return e;
    throw e;
  }
  throw new Error('expected a TarError');
}

/** Header offsets of a well-formed archive, walked independently of the reader under test. */
function readTarHeaders(bytes: Uint8Array): { name: string; offset: number }[] {
  const out: { name: string; offset: number }[] = [];
  for (let off = 0; off + 512 <= bytes.length; ) {
    const block = bytes.subarray(off, off + 512);
    if (block.every((b) => b === 0)) break;
    const name = new TextDecoder().decode(block.subarray(0, 100)).replace(/\0.*$/s, '');
    const size = parseInt(new TextDecoder().decode(block.subarray(124, 136)).replace(/\0.*$/s, '').trim() || '0', 8);
    out.push({ name, offset: off });
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

function fixChecksum(bytes: Uint8Array, at: number): void {
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : bytes[at + i]!;
  const text = sum.toString(8).padStart(6, '0') + '\0 ';
  for (let i = 0; i < 8; i++) bytes[at + 148 + i] = text.charCodeAt(i);
}
