// Descriptor calls through the syscall table over an in-memory guest.
import { describe, expect, it } from 'vitest';
import { Mode, OpenFlag, StatLayout, Whence } from '../../src/zrt/abi.ts';
import { Errno } from '../../src/zrt/errno.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { GUARD, Guest, MemoryChannel, stdChannels } from './harness.ts';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND, O_DIRECTORY, O_NOFOLLOW } = OpenFlag;

function openFile(g: Guest, path: string, flags: number, mode = 0o644): number {
  return g.call(Sys.open, g.str(path), flags, mode);
}

function readAll(g: Guest, fd: number, max = 4096): string {
  const buf = g.alloc(max);
  const n = g.call(Sys.read, fd, buf, max);
  expect(n).toBeGreaterThanOrEqual(0);
  return g.text(buf, n);
}

function writeStr(g: Guest, fd: number, s: string): number {
  const b = new TextEncoder().encode(s);
  return g.call(Sys.write, fd, g.data(b), b.length);
}

function statOf(g: Guest, fd: number) {
  const buf = g.alloc(StatLayout.SIZE);
  expect(g.call(Sys.fstat, fd, buf)).toBe(0);
  return g.statAt(buf);
}

describe('open flags', () => {
  it('uses NaCl values for the flags (Linux octal, not newlib defaults)', () => {
    expect([O_CREAT, O_EXCL, O_TRUNC, O_APPEND]).toEqual([0o100, 0o200, 0o1000, 0o2000]);
  });

  it('creates, refuses O_EXCL on an existing name, and reports ENOENT without O_CREAT', () => {
    const g = new Guest();
    expect(openFile(g, '/tmp/missing', O_RDONLY)).toBe(-Errno.ENOENT);
    const fd = openFile(g, '/tmp/f', O_CREAT | O_EXCL | O_WRONLY);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(openFile(g, '/tmp/f', O_CREAT | O_EXCL | O_WRONLY)).toBe(-Errno.EEXIST);
    expect(openFile(g, '/tmp/nodir/f', O_CREAT | O_WRONLY)).toBe(-Errno.ENOENT);
    expect(openFile(g, '/tmp/f/x', O_CREAT | O_WRONLY)).toBe(-Errno.ENOTDIR);
    expect(g.call(Sys.open, g.str('/tmp/g'), O_ACCMODE_BAD(), 0)).toBe(-Errno.EINVAL);
  });

  it('truncates with O_TRUNC and appends with O_APPEND', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_WRONLY);
    expect(writeStr(g, fd, 'hello world')).toBe(11);
    const app = openFile(g, '/tmp/f', O_WRONLY | O_APPEND);
    expect(writeStr(g, app, '!')).toBe(1);
    // a plain descriptor at offset 0 overwrites; the append one always goes to the end
    const plain = openFile(g, '/tmp/f', O_WRONLY);
    expect(writeStr(g, plain, 'J')).toBe(1);
    expect(writeStr(g, app, '?')).toBe(1);
    expect(readAll(g, openFile(g, '/tmp/f', O_RDONLY))).toBe('Jello world!?');
    openFile(g, '/tmp/f', O_WRONLY | O_TRUNC);
    expect(readAll(g, openFile(g, '/tmp/f', O_RDONLY))).toBe('');
  });

  it('enforces the access mode and directories', () => {
    const g = new Guest();
    const w = openFile(g, '/tmp/f', O_CREAT | O_WRONLY);
    expect(g.call(Sys.read, w, g.alloc(4), 4)).toBe(-Errno.EBADF);
    const r = openFile(g, '/tmp/f', O_RDONLY);
    expect(writeStr(g, r, 'x')).toBe(-Errno.EBADF);
    expect(openFile(g, '/tmp', O_WRONLY)).toBe(-Errno.EISDIR);
    expect(openFile(g, '/tmp/f', O_RDONLY | O_DIRECTORY)).toBe(-Errno.ENOTDIR);
    const d = openFile(g, '/tmp', O_RDONLY | O_DIRECTORY);
    expect(g.call(Sys.read, d, g.alloc(4), 4)).toBe(-Errno.EISDIR);
    expect(openFile(g, '/tmp/new/', O_CREAT | O_WRONLY)).toBe(-Errno.EISDIR);
  });

  it('checks owner permission bits, except on the open that creates the file', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/ro', O_CREAT | O_WRONLY, 0o444);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(openFile(g, '/tmp/ro', O_WRONLY)).toBe(-Errno.EACCES);
    expect(openFile(g, '/tmp/ro', O_RDONLY)).toBeGreaterThanOrEqual(0);
  });

  it('follows symlinks unless O_NOFOLLOW', () => {
    const g = new Guest();
    writeStr(g, openFile(g, '/tmp/target', O_CREAT | O_WRONLY), 'T');
    expect(g.call(Sys.symlink, g.str('target'), g.str('/tmp/link'))).toBe(0);
    expect(readAll(g, openFile(g, '/tmp/link', O_RDONLY))).toBe('T');
    expect(openFile(g, '/tmp/link', O_RDONLY | O_NOFOLLOW)).toBe(-Errno.ELOOP);
    // O_CREAT|O_EXCL does not follow a dangling link either
    g.call(Sys.symlink, g.str('nowhere'), g.str('/tmp/dangling'));
    expect(openFile(g, '/tmp/dangling', O_CREAT | O_EXCL | O_WRONLY)).toBe(-Errno.EEXIST);
    // O_CREAT alone creates the link's target
    expect(openFile(g, '/tmp/dangling', O_CREAT | O_WRONLY)).toBeGreaterThanOrEqual(0);
    expect(openFile(g, '/tmp/nowhere', O_RDONLY)).toBeGreaterThanOrEqual(0);
  });
});

function O_ACCMODE_BAD(): number {
  return 3;
}

describe('read, write, lseek, pread, pwrite', () => {
  it('moves the offset and seeks from each origin', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    writeStr(g, fd, '0123456789');
    const off = g.i64(3);
    expect(g.call(Sys.lseek, fd, off, Whence.SEEK_SET)).toBe(0);
    expect(g.readI64(off)).toBe(3);
    expect(readAll(g, fd, 2)).toBe('34');
    const cur = g.i64(-1);
    expect(g.call(Sys.lseek, fd, cur, Whence.SEEK_CUR)).toBe(0);
    expect(g.readI64(cur)).toBe(4);
    const end = g.i64(-2);
    expect(g.call(Sys.lseek, fd, end, Whence.SEEK_END)).toBe(0);
    expect(g.readI64(end)).toBe(8);
    expect(readAll(g, fd)).toBe('89');
    expect(g.call(Sys.lseek, fd, g.i64(-100), Whence.SEEK_CUR)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.lseek, fd, g.i64(0), 7)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.lseek, fd, 0, Whence.SEEK_SET)).toBe(-Errno.EFAULT);
  });

  it('fills a hole with zeros when writing past the end', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    g.call(Sys.lseek, fd, g.i64(5), Whence.SEEK_SET);
    writeStr(g, fd, 'x');
    const buf = g.alloc(6);
    expect(g.call(Sys.pread, fd, buf, 100, g.i64(0))).toBe(6);
    expect(Array.from(g.bytes(buf, 6))).toEqual([0, 0, 0, 0, 0, 0x78]);
  });

  it('refuses writes past the 1 GiB file limit with EFBIG, before touching guest memory', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    expect(g.call(Sys.write, fd, g.alloc(1), 2 ** 30 + 1)).toBe(-Errno.EFBIG);
    expect(g.call(Sys.pwrite, fd, g.data('x'), 1, g.i64(2 ** 30))).toBe(-Errno.EFBIG);
    expect(g.call(Sys.pwrite, fd, g.data('x'), 1, g.i64(2 ** 20))).toBe(1);
  });

  it('gives file data no more room than the heap has (ENOSPC), counting names and open descriptors', () => {
    const g = new Guest(); // a 2 MiB heap
    const MiB = 1 << 20;
    const a = openFile(g, '/tmp/a', O_CREAT | O_RDWR);
    expect(g.call(Sys.pwrite, a, g.data('x'), 1, g.i64(1.5 * MiB))).toBe(1); // sparse: 1.5 MiB of buffer
    const b = openFile(g, '/tmp/b', O_CREAT | O_RDWR);
    expect(g.call(Sys.pwrite, b, g.data('y'), 1, g.i64(MiB))).toBe(-Errno.ENOSPC);
    expect(g.call(Sys.truncate, g.str('/tmp/b'), g.i64(MiB))).toBe(-Errno.ENOSPC);
    expect(g.call(Sys.pwrite, b, g.data('y'), 1, g.i64(256 << 10))).toBe(1); // what is left still serves
    // a's bytes outlive its name while a descriptor holds it, and are free once it is closed
    expect(g.call(Sys.unlink, g.str('/tmp/a'))).toBe(0);
    expect(g.call(Sys.truncate, g.str('/tmp/b'), g.i64(MiB))).toBe(-Errno.ENOSPC);
    expect(g.call(Sys.close, a)).toBe(0);
    expect(g.call(Sys.truncate, g.str('/tmp/b'), g.i64(MiB))).toBe(0);
    const end = g.i64(0);
    expect(g.call(Sys.lseek, b, end, Whence.SEEK_END)).toBe(0);
    expect(g.readI64(end)).toBe(MiB);
  });

  it('pread/pwrite take the offset by pointer and leave the file offset alone', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    writeStr(g, fd, 'abcdef');
    expect(g.call(Sys.pwrite, fd, g.data('XY'), 2, g.i64(1))).toBe(2);
    const buf = g.alloc(8);
    expect(g.call(Sys.pread, fd, buf, 3, g.i64(0))).toBe(3);
    expect(g.text(buf, 3)).toBe('aXY');
    expect(g.call(Sys.pread, fd, buf, 3, g.i64(-1))).toBe(-Errno.EINVAL);
    expect(g.call(Sys.pread, fd, buf, 3, g.i64(100))).toBe(0);
    expect(writeStr(g, fd, 'g')).toBe(1); // offset still 6
    expect(g.call(Sys.pread, fd, buf, 8, g.i64(0))).toBe(7);
    expect(g.text(buf, 7)).toBe('aXYdefg');
  });

  it('bounds-checks every buffer', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    expect(g.call(Sys.write, fd, GUARD - 4, 8)).toBe(-Errno.EFAULT);
    expect(g.call(Sys.write, fd, 0x3ffffc, 8)).toBe(-Errno.EFAULT);
    writeStr(g, fd, 'abc');
    expect(g.call(Sys.pread, fd, 0x3ffffe, 3, g.i64(0))).toBe(-Errno.EFAULT);
    expect(g.call(Sys.read, fd, 0, 1)).toBe(-Errno.EFAULT);
    expect(g.call(Sys.read, fd, 0, 0)).toBe(0); // nothing to copy, nothing to check
    expect(g.call(Sys.fstat, fd, 8)).toBe(-Errno.EFAULT);
    expect(g.call(Sys.open, 0, O_RDONLY, 0)).toBe(-Errno.EFAULT);
  });

  it('rejects bad descriptors', () => {
    const g = new Guest();
    for (const n of [Sys.close, Sys.fstat, Sys.fsync, Sys.fdatasync, Sys.isatty, Sys.dup]) {
      expect(g.call(n, 77, g.alloc(128))).toBe(-Errno.EBADF);
    }
    expect(g.call(Sys.read, -1, g.alloc(1), 1)).toBe(-Errno.EBADF);
  });
});

describe('dup, dup2, close', () => {
  it('shares the offset between duplicates', () => {
    const g = new Guest();
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR);
    writeStr(g, fd, 'abcdef');
    g.call(Sys.lseek, fd, g.i64(0), Whence.SEEK_SET);
    const d = g.call(Sys.dup, fd);
    expect(d).toBe(fd + 1);
    expect(readAll(g, fd, 2)).toBe('ab');
    expect(readAll(g, d, 2)).toBe('cd');
    expect(g.call(Sys.dup2, fd, 10)).toBe(10);
    expect(readAll(g, 10, 2)).toBe('ef');
    expect(g.call(Sys.close, fd)).toBe(0);
    expect(g.call(Sys.close, fd)).toBe(-Errno.EBADF);
    expect(g.call(Sys.dup2, 10, -1)).toBe(-Errno.EBADF);
    // lowest free descriptor is reused
    expect(openFile(g, '/tmp/f', O_RDONLY)).toBe(fd);
  });
});

describe('fstat, ftruncate, fchmod, fsync, isatty', () => {
  it('reports size, mode, links and inode', () => {
    const g = new Guest({ nvram: '[time]\nseconds=1000\n' });
    const fd = openFile(g, '/tmp/f', O_CREAT | O_RDWR, 0o640);
    writeStr(g, fd, 'hello');
    const s = statOf(g, fd);
    expect(s.mode).toBe(Mode.S_IFREG | 0o640);
    expect(s.size).toBe(5);
    expect(s.nlink).toBe(1);
    expect(s.mtime).toBe(1000);
    expect(g.call(Sys.fchmod, fd, 0o600)).toBe(0);
    expect(statOf(g, fd).mode).toBe(Mode.S_IFREG | 0o600);
    expect(g.call(Sys.ftruncate, fd, g.i64(2))).toBe(0);
    expect(statOf(g, fd).size).toBe(2);
    expect(g.call(Sys.ftruncate, fd, g.i64(9))).toBe(0);
    const buf = g.alloc(9);
    expect(g.call(Sys.pread, fd, buf, 9, g.i64(0))).toBe(9);
    expect(Array.from(g.bytes(buf, 9))).toEqual([104, 101, 0, 0, 0, 0, 0, 0, 0]);
    expect(g.call(Sys.ftruncate, fd, g.i64(-1))).toBe(-Errno.EINVAL);
    const ro = openFile(g, '/tmp/f', O_RDONLY);
    expect(g.call(Sys.ftruncate, ro, g.i64(0))).toBe(-Errno.EINVAL);
    expect(g.call(Sys.fsync, fd)).toBe(0);
    expect(g.call(Sys.fdatasync, fd)).toBe(0);
    expect(g.call(Sys.isatty, fd)).toBe(-Errno.ENOTTY);
  });

  it('says a channel mapped as char is a terminal, and reports mapping modes', () => {
    const ch = [...stdChannels(), new MemoryChannel('/dev/data', 3, 'xyz')];
    const g = new Guest({ channels: ch, nvram: '[mapping]\nchannel=/dev/stdout, mode=char\nchannel=/dev/stderr, mode=file\n' });
    expect(g.call(Sys.isatty, 1)).toBe(1);
    expect(g.call(Sys.isatty, 0)).toBe(-Errno.ENOTTY);
    expect(statOf(g, 0).mode & Mode.S_IFMT).toBe(Mode.S_IFIFO);
    expect(statOf(g, 1).mode & Mode.S_IFMT).toBe(Mode.S_IFCHR);
    expect(statOf(g, 2).mode & Mode.S_IFMT).toBe(Mode.S_IFREG);
    const d = openFile(g, '/dev/data', O_RDONLY);
    expect(statOf(g, d).mode & Mode.S_IFMT).toBe(Mode.S_IFBLK);
    expect(statOf(g, d).size).toBe(3);
  });
});

describe('getdents', () => {
  function listDir(g: Guest, fd: number, bufSize: number): { names: string[]; inos: number[]; offs: number[] } {
    const names: string[] = [];
    const inos: number[] = [];
    const offs: number[] = [];
    const buf = g.alloc(bufSize);
    for (;;) {
      const n = g.call(Sys.getdents, fd, buf, bufSize);
      expect(n).toBeGreaterThanOrEqual(0);
      if (n === 0) break;
      const v = g.view();
      for (let p = 0; p < n; ) {
        const reclen = v.getUint16(buf + p + 16, true);
        expect(reclen % 8).toBe(0);
        inos.push(Number(v.getBigUint64(buf + p, true)));
        offs.push(Number(v.getBigInt64(buf + p + 8, true)));
        const nameBytes = g.bytes(buf + p + 18, reclen - 18);
        names.push(new TextDecoder().decode(nameBytes.subarray(0, nameBytes.indexOf(0))));
        p += reclen;
      }
    }
    return { names, inos, offs };
  }

  it('lists . and .. then the entries, resuming across small buffers', () => {
    const g = new Guest();
    for (const n of ['b', 'a', 'a-much-longer-name-than-the-others']) openFile(g, `/tmp/${n}`, O_CREAT | O_WRONLY);
    g.call(Sys.mkdir, g.str('/tmp/sub'), 0o755);
    const whole = listDir(g, openFile(g, '/tmp', O_RDONLY | O_DIRECTORY), 4096);
    expect(whole.names).toEqual(['.', '..', 'b', 'a', 'a-much-longer-name-than-the-others', 'sub']);
    expect(whole.offs).toEqual([1, 2, 3, 4, 5, 6]);
    const small = listDir(g, openFile(g, "/tmp", O_RDONLY | O_DIRECTORY), 64);
    expect(small).toEqual(whole);
    const fd = openFile(g, '/tmp', O_RDONLY);
    expect(g.call(Sys.getdents, fd, g.alloc(8), 8)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.getdents, openFile(g, '/tmp/a', O_RDONLY), g.alloc(64), 64)).toBe(-Errno.ENOTDIR);
    // the root's .. is the root itself
    const root = listDir(g, openFile(g, '/', O_RDONLY), 4096);
    expect(root.inos[0]).toBe(root.inos[1]);
    expect(root.names.slice(2)).toEqual(['dev', 'tmp']);
  });

  it('lists /dev with the channels and emulated devices', () => {
    const g = new Guest({ channels: [...stdChannels(), new MemoryChannel('/dev/in/node1', 0)] });
    const names = listDir(g, openFile(g, '/dev', O_RDONLY), 4096).names;
    expect(names).toEqual(['.', '..', 'stdin', 'stdout', 'stderr', 'in', 'null', 'zero', 'full', 'random', 'urandom']);
  });
});
