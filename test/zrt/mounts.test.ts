// fstab in action: lazy tar mounts (`ro`: the image channel is read) and `wo` exports at exit.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mode, OpenFlag, StatLayout } from '../../src/zrt/abi.ts';
import { Errno, ZrtErrno } from '../../src/zrt/errno.ts';
import { MemoryFileSystem } from '../../src/zrt/fs/file-system.ts';
import type { DirInode, Inode } from '../../src/zrt/fs/inode.ts';
import { exportEntries, exportTar } from '../../src/zrt/fs/tar-export.ts';
import { unpackEntries } from '../../src/zrt/fs/tar-mount.ts';
import type { TarEntry } from '../../src/zrt/tar/entry.ts';
import { readTar } from '../../src/zrt/tar/reader.ts';
import { TarError } from '../../src/zrt/tar/tar-error.ts';
import { writeTar } from '../../src/zrt/tar/writer.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { ZrtExit } from '../../src/zrt/zrt-exit.ts';
import { Guest, MemoryChannel, stdChannels } from './harness.ts';

const enc = (s: string) => new TextEncoder().encode(s);

function entry(p: string, type: TarEntry['type'], extra: Partial<TarEntry> = {}): TarEntry {
  return { path: p, type, mode: type === 'dir' ? 0o755 : 0o644, uid: 0, gid: 0, mtime: 1234, data: new Uint8Array(0), linkpath: '', ...extra };
}

const image = writeTar([
  entry('lib', 'dir'),
  entry('lib/a.txt', 'file', { data: enc('alpha') }),
  entry('lib/run', 'file', { data: enc('#!'), mode: 0o755 }),
  entry('lib/link', 'symlink', { linkpath: 'a.txt' }),
  entry('lib/hard', 'hardlink', { linkpath: 'lib/a.txt' }),
  entry('implicit/parent/file', 'file', { data: enc('p') }),
]);

function guestWith(nvram: string, img: Uint8Array = image) {
  const imageCh = new MemoryChannel('/dev/image', 1, img, true, false);
  const out = new MemoryChannel('/dev/export', 0, '', false, true);
  const g = new Guest({ channels: [...stdChannels(), imageCh, out], nvram });
  return { g, imageCh, out };
}

function stat(g: Guest, p: string) {
  const buf = g.alloc(StatLayout.SIZE);
  const r = g.call(Sys.stat, g.str(p), buf);
  return r !== 0 ? r : g.statAt(buf);
}

describe('read-only tar mounts', () => {
  it('unpacks lazily on first access under the mount point', () => {
    const { g, imageCh } = guestWith('[fstab]\nchannel=/dev/image, mountpoint=/mnt, access=ro, removable=no\n');
    expect(imageCh.reads).toBe(0);
    g.call(Sys.open, g.str('/tmp/x'), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o644);
    expect(imageCh.reads).toBe(0);
    const a = stat(g, '/mnt/lib/a.txt');
    expect(imageCh.reads).toBeGreaterThan(0);
    expect(a).toMatchObject({ mode: Mode.S_IFREG | 0o644, size: 5, nlink: 2, mtime: 1234 });
    expect(stat(g, '/mnt/lib/hard')).toMatchObject({ ino: (a as { ino: number }).ino });
    expect(stat(g, '/mnt/lib/link')).toMatchObject({ size: 5 });
    expect(stat(g, '/mnt/implicit/parent/file')).toMatchObject({ size: 1 });
    const fd = g.call(Sys.open, g.str('/mnt/lib/link'), OpenFlag.O_RDONLY, 0);
    const buf = g.alloc(8);
    expect(g.call(Sys.read, fd, buf, 8)).toBe(5);
    expect(g.text(buf, 5)).toBe('alpha');
  });

  it('unpacks into ordinary files: writable, removable, extendable (as ZRT\'s unpacker makes them)', () => {
    const { g } = guestWith('[fstab]\nchannel=/dev/image, mountpoint=/mnt, access=ro, removable=no\n');
    const s = (p: string) => g.str(p);
    const fd = g.call(Sys.open, s('/mnt/lib/a.txt'), OpenFlag.O_WRONLY | OpenFlag.O_APPEND, 0);
    expect(fd).toBeGreaterThanOrEqual(0);
    const more = g.data('-beta');
    expect(g.call(Sys.write, fd, more, 5)).toBe(5);
    expect(stat(g, '/mnt/lib/a.txt')).toMatchObject({ size: 10 });
    // the hard link in the image is the same file
    expect(stat(g, '/mnt/lib/hard')).toMatchObject({ size: 10 });
    expect(g.call(Sys.open, s('/mnt/lib/new'), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o644)).toBeGreaterThanOrEqual(0);
    expect(g.call(Sys.mkdir, s('/mnt/lib/d'), 0o755)).toBe(0);
    expect(g.call(Sys.rename, s('/mnt/lib/new'), s('/mnt/lib/d/new'))).toBe(0);
    expect(g.call(Sys.chmod, s('/mnt/lib/a.txt'), 0o600)).toBe(0);
    expect(stat(g, '/mnt/lib/a.txt')).toMatchObject({ mode: Mode.S_IFREG | 0o600 });
    expect(g.call(Sys.truncate, s('/mnt/lib/a.txt'), g.i64(2))).toBe(0);
    expect(g.call(Sys.unlink, s('/mnt/lib/hard'))).toBe(0);
    expect(stat(g, '/mnt/lib/a.txt')).toMatchObject({ size: 2, nlink: 1 });
    expect(g.call(Sys.access, s('/mnt/lib/a.txt'), 2)).toBe(0);
  });

  it('mounts at / beside /dev and /tmp, which stay writable', () => {
    const withTmp = writeTar([entry('tmp', 'dir'), entry('tmp/seed', 'file', { data: enc('s') }), entry('dev/evil', 'file'), entry('etc/conf', 'file')]);
    const { g } = guestWith('[fstab]\nchannel=/dev/image, mountpoint=/, access=ro, removable=no\n', withTmp);
    expect(stat(g, '/etc/conf')).toMatchObject({ size: 0 });
    expect(stat(g, '/tmp/seed')).toMatchObject({ size: 1 });
    expect(stat(g, '/dev/evil')).toBe(-Errno.ENOENT);
    expect(g.call(Sys.open, g.str('/tmp/mine'), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o644)).toBeGreaterThanOrEqual(0);
    expect(g.zrt.mountFailures).toEqual([]);
  });

  it('mounts nothing from a corrupt image and records why', () => {
    const bad = image.slice(0, image.length - 1024 - 512); // cut inside the last member's data
    const { g } = guestWith('[fstab]\nchannel=/dev/image, mountpoint=/mnt, access=ro, removable=no\n', bad);
    expect(stat(g, '/mnt/lib')).toBe(-Errno.ENOENT);
    const fd = g.call(Sys.open, g.str('/mnt'), OpenFlag.O_RDONLY, 0);
    const buf = g.alloc(512);
    const n = g.call(Sys.getdents, fd, buf, 512);
    expect(n).toBe(48); // just "." and ".."
    expect(g.zrt.mountFailures).toHaveLength(1);
    const err = g.zrt.mountFailures[0]!.error as TarError;
    expect(err).toBeInstanceOf(TarError);
    expect(err.code).toBe('truncated');
    expect(err.message).toMatch(/^truncated member "implicit\/parent\/file"/);
  });

  it('refuses images that collide with the tree, leaving it untouched', () => {
    const fsys = new MemoryFileSystem({ now: () => ({ sec: 0, nsec: 0 }) });
    const mnt = fsys.mkdir('/m', fsys.root, 0o755);
    fsys.createFile(fsys.resolve('/m/x', fsys.root, false), 0o644);
    const entries = [entry('a', 'file', { data: enc('A') }), entry('x', 'dir'), entry('x/y', 'file')];
    expect(() => unpackEntries(fsys, mnt, entries)).toThrow(/member directory \/m\/x collides with an existing file/);
    expect([...mnt.entries.keys()]).toEqual(['x']);
    expect(() => unpackEntries(fsys, mnt, [entry('h', 'hardlink', { linkpath: 'missing' })])).toThrow(TarError);
    expect([...mnt.entries.keys()]).toEqual(['x']);
  });
});

describe('wo exports', () => {
  it('writes the subtree to its channel at exit; GNU tar reads it', () => {
    const { g, out } = guestWith('[fstab]\nchannel=/dev/export, mountpoint=/out, access=wo, removable=no\n');
    expect(g.call(Sys.mkdir, g.str('/out'), 0o755)).toBe(0);
    expect(g.call(Sys.mkdir, g.str('/out/sub'), 0o700)).toBe(0);
    const fd = g.call(Sys.open, g.str('/out/sub/result.txt'), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o640);
    g.call(Sys.write, fd, g.data('the answer'), 10);
    g.call(Sys.symlink, g.str('sub/result.txt'), g.str('/out/latest'));
    g.call(Sys.link, g.str('/out/sub/result.txt'), g.str('/out/copy'));
    expect(() => g.call(Sys.exit, 0)).toThrow(ZrtExit);
    const entries = readTar(out.content);
    expect(entries.map((e) => [e.path, e.type])).toEqual([
      ['copy', 'file'],
      ['latest', 'symlink'],
      ['sub', 'dir'],
      ['sub/result.txt', 'hardlink'],
    ]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zrt-export-'));
    try {
      fs.writeFileSync(path.join(dir, 'out.tar'), out.content);
      fs.mkdirSync(path.join(dir, 'x'));
      execFileSync('tar', ['-xf', path.join(dir, 'out.tar'), '-C', path.join(dir, 'x')]);
      expect(fs.readFileSync(path.join(dir, 'x/sub/result.txt'), 'utf8')).toBe('the answer');
      expect(fs.statSync(path.join(dir, 'x/sub/result.txt')).mode & 0o777).toBe(0o640);
      expect(fs.readlinkSync(path.join(dir, 'x/latest'))).toBe('sub/result.txt');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // exports run once
    expect(g.zrt.runExports()).toEqual([]);
    expect(readTar(out.content)).toHaveLength(4);
  });

  it('imports / and exports / with the image files changed (the tarimage sample\'s round trip)', () => {
    const nvram = '[fstab]\nchannel=/dev/image, mountpoint=/, access=ro, removable=no\nchannel=/dev/export, mountpoint=/, access=wo, removable=no\n';
    const { g, out } = guestWith(nvram);
    const fd = g.call(Sys.open, g.str('/lib/a.txt'), OpenFlag.O_WRONLY | OpenFlag.O_TRUNC, 0);
    expect(g.call(Sys.write, fd, g.data('changed'), 7)).toBe(7);
    expect(g.call(Sys.unlink, g.str('/implicit/parent/file'))).toBe(0);
    expect(() => g.call(Sys.exit, 0)).toThrow(ZrtExit);
    const files = new Map(readTar(out.content).filter((e) => e.type === 'file').map((e) => [e.path, new TextDecoder().decode(e.data)]));
    expect(files.get('lib/a.txt')).toBe('changed');
    expect(files.get('lib/run')).toBe('#!');
    expect(files.has('implicit/parent/file')).toBe(false);
  });

  it('records an export that its channel refuses', () => {
    const full = new MemoryChannel('/dev/export', 0, '', false, true);
    full.write = () => -Errno.EDQUOT;
    const g = new Guest({ channels: [...stdChannels(), full], nvram: '[fstab]\nchannel=/dev/export, mountpoint=/tmp, access=wo, removable=no\nchannel=/dev/none, mountpoint=/tmp, access=wo, removable=no\n' });
    expect(() => g.call(Sys.exit, 3)).toThrow(ZrtExit);
    expect(g.zrt.exportErrors).toEqual(['export of /tmp to /dev/export: only wrote 0 of 1024 bytes', 'nvram line 3: no channel /dev/none']);
  });

  it('export then import reproduces the tree', () => {
    const { g } = guestWith('');
    const paths = ['/tmp/a', '/tmp/d1', '/tmp/d1/d2', '/tmp/d1/d2/f', '/tmp/ľong-' + 'z'.repeat(200)];
    g.call(Sys.open, g.str(paths[0]!), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o600);
    g.call(Sys.mkdir, g.str(paths[1]!), 0o711);
    g.call(Sys.mkdir, g.str(paths[2]!), 0o755);
    const fd = g.call(Sys.open, g.str(paths[3]!), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o644);
    g.call(Sys.write, fd, g.data(new Uint8Array(3000).fill(7)), 3000);
    g.call(Sys.open, g.str(paths[4]!), OpenFlag.O_CREAT | OpenFlag.O_WRONLY, 0o644);
    g.call(Sys.symlink, g.str('../elsewhere'), g.str('/tmp/d1/sym'));
    const tar = exportTar(g.zrt.fs, '/tmp');
    const copy = new MemoryFileSystem({ now: () => ({ sec: 0, nsec: 0 }) });
    unpackEntries(copy, copy.root, readTar(tar));
    expect(describeTree(copy.root)).toEqual(describeTree(g.zrt.fs.lookup('/tmp', g.zrt.fs.root) as DirInode));
    expect(exportEntries(copy, '/')).toEqual(exportEntries(g.zrt.fs, '/tmp'));
  });
});

describe('export/import round trip (property)', () => {
  it('any tree built by namespace calls survives export and re-import', () => {
    const name = fc.constantFrom('a', 'b', 'c', 'long-' + 'q'.repeat(120));
    const pathArb = fc.array(name, { minLength: 1, maxLength: 3 }).map((p) => '/' + p.join('/'));
    const op = fc.record({
      kind: fc.constantFrom('mkdir', 'file', 'symlink', 'link', 'chmod'),
      a: pathArb,
      b: pathArb,
      data: fc.uint8Array({ maxLength: 700 }),
      mode: fc.integer({ min: 0o400, max: 0o777 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let t = 0;
        const src = new MemoryFileSystem({ now: () => ({ sec: t++, nsec: 0 }) });
        for (const o of ops) {
          try {
            if (o.kind === 'mkdir') src.mkdir(o.a, src.root, o.mode);
            else if (o.kind === 'file') {
              const r = src.resolve(o.a, src.root, false);
              const f = r.inode ?? src.createFile(r, o.mode);
              if (f.kind === 'file') src.writeFile(f, 0, o.data);
            } else if (o.kind === 'symlink') src.symlink(o.b.slice(1), o.a, src.root);
            else if (o.kind === 'link') src.link(o.a, o.b, src.root);
            else src.chmod(src.lookup(o.a, src.root, true), o.mode); // chmod follows links, as the call does
          } catch (e) {
            if (!(e instanceof ZrtErrno)) throw e;
          }
        }
        const entries = exportEntries(src, '/');
        const copy = new MemoryFileSystem({ now: () => ({ sec: 0, nsec: 0 }) });
        unpackEntries(copy, copy.root, readTar(writeTar(entries)));
        expect(exportEntries(copy, '/')).toEqual(entries);
        expect(describeTree(copy.root)).toEqual(describeTree(src.root));
      }),
      { numRuns: 150 },
    );
  });
});

function describeTree(dir: DirInode, prefix = ''): string[] {
  const out: string[] = [];
  for (const [name, node] of [...dir.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`${prefix}${name} ${describe1(node)}`);
    if (node.kind === 'dir') out.push(...describeTree(node, `${prefix}${name}/`));
  }
  return out;
}

function describe1(node: Inode): string {
  const base = `${node.kind} ${(node.mode & 0o7777).toString(8)} ${node.mtime.sec}`;
  if (node.kind === 'file') return `${base} ${node.size} ${Array.from(node.data.subarray(0, node.size)).join(',')}`;
  if (node.kind === 'symlink') return `${base} -> ${node.target}`;
  return base;
}
