// /dev: emulated devices, channels as files, stdio on descriptors 0-2, nvram from its channel.
import { describe, expect, it } from 'vitest';
import { OpenFlag, Whence } from '../../src/zrt/abi.ts';
import { Errno } from '../../src/zrt/errno.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { Guest, MemoryChannel, stdChannels } from './harness.ts';

const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT } = OpenFlag;

describe('emulated devices', () => {
  it('null, zero, full, random, urandom', () => {
    const g = new Guest();
    const open = (p: string, f: number) => g.call(Sys.open, g.str(p), f, 0);
    const buf = g.alloc(64);
    g.mem.bytes.fill(0xee, buf, buf + 64);
    const nul = open('/dev/null', O_RDWR);
    expect(g.call(Sys.read, nul, buf, 64)).toBe(0);
    expect(g.call(Sys.write, nul, buf, 64)).toBe(64);
    const zero = open('/dev/zero', O_RDONLY);
    expect(g.call(Sys.read, zero, buf, 64)).toBe(64);
    expect(g.bytes(buf, 64).every((b) => b === 0)).toBe(true);
    const full = open('/dev/full', O_RDWR);
    expect(g.call(Sys.write, full, buf, 8)).toBe(-Errno.ENOSPC);
    expect(g.call(Sys.read, full, buf, 8)).toBe(8);
    const rnd = open('/dev/urandom', O_RDONLY);
    expect(g.call(Sys.read, rnd, buf, 64)).toBe(64);
    expect(new Set(g.bytes(buf, 64)).size).toBeGreaterThan(30);
    expect(g.call(Sys.lseek, rnd, g.i64(0), Whence.SEEK_SET)).toBe(-Errno.ESPIPE);
    expect(g.call(Sys.pread, zero, buf, 4, g.i64(0))).toBe(-Errno.ESPIPE);
  });

  it('/dev itself is read-only: no new entries, no removal', () => {
    const g = new Guest({ channels: stdChannels() });
    expect(g.call(Sys.open, g.str('/dev/new'), O_CREAT | O_WRONLY, 0o644)).toBe(-Errno.EROFS);
    expect(g.call(Sys.unlink, g.str('/dev/stdout'))).toBe(-Errno.EROFS);
    expect(g.call(Sys.mkdir, g.str('/dev/d'), 0o755)).toBe(-Errno.EROFS);
    expect(g.call(Sys.rename, g.str('/dev'), g.str('/dev2'))).toBe(-Errno.EBUSY);
  });
});

describe('channels', () => {
  it('puts stdin, stdout, stderr on descriptors 0, 1, 2', () => {
    const ch = stdChannels('input line\n');
    const g = new Guest({ channels: ch });
    const buf = g.alloc(64);
    expect(g.call(Sys.read, 0, buf, 5)).toBe(5);
    expect(g.call(Sys.read, 0, buf + 5, 64)).toBe(6);
    expect(g.text(buf, 11)).toBe('input line\n');
    expect(g.call(Sys.read, 0, buf, 64)).toBe(0);
    expect(g.call(Sys.write, 1, g.data('out'), 3)).toBe(3);
    expect(g.call(Sys.write, 2, g.data('err'), 3)).toBe(3);
    expect(ch[1]!.textContent).toBe('out');
    expect(ch[2]!.textContent).toBe('err');
    expect(g.call(Sys.write, 0, g.data('x'), 1)).toBe(-Errno.EBADF);
    expect(g.call(Sys.lseek, 1, g.i64(0), Whence.SEEK_SET)).toBe(-Errno.ESPIPE);
    // the permission bits follow the channel's direction
    expect(g.call(Sys.open, g.str('/dev/stdout'), O_RDONLY, 0)).toBe(-Errno.EACCES);
    expect(g.call(Sys.open, g.str('/dev/stdin'), O_WRONLY, 0)).toBe(-Errno.EACCES);
  });

  it('leaves a missing standard channel closed without shifting the others', () => {
    const g = new Guest({ channels: [new MemoryChannel('/dev/stdout', 0, '', false, true)] });
    expect(g.call(Sys.write, 1, g.data('x'), 1)).toBe(1);
    expect(g.call(Sys.read, 0, g.alloc(1), 1)).toBe(-Errno.EBADF);
    expect(g.zrt.fds.openDescriptors()).toEqual([1]);
  });

  it('random channels honour offsets (lseek, pread, pwrite)', () => {
    const data = new MemoryChannel('/dev/data', 3, '0123456789');
    const g = new Guest({ channels: [...stdChannels(), data] });
    const fd = g.call(Sys.open, g.str('/dev/data'), O_RDWR, 0);
    const buf = g.alloc(16);
    expect(g.call(Sys.pread, fd, buf, 3, g.i64(4))).toBe(3);
    expect(g.text(buf, 3)).toBe('456');
    const off = g.i64(-2);
    expect(g.call(Sys.lseek, fd, off, Whence.SEEK_END)).toBe(0);
    expect(g.readI64(off)).toBe(8);
    expect(g.call(Sys.read, fd, buf, 16)).toBe(2);
    expect(g.call(Sys.pwrite, fd, g.data('AB'), 2, g.i64(1))).toBe(2);
    expect(data.textContent).toBe('0AB3456789');
    expect(g.call(Sys.ftruncate, fd, g.i64(0))).toBe(-Errno.EINVAL);
  });

  it('follows ZRT\'s channel table: positions are set only in a random direction, read back anywhere', () => {
    const rget = new MemoryChannel('/dev/rget', 1, 'abcdef');
    const rput = new MemoryChannel('/dev/rput', 2, 'uvwxyz');
    const g = new Guest({ channels: [...stdChannels(), rget, rput] });
    g.call(Sys.write, 1, g.data('12345'), 5);
    const cur = g.i64(0);
    expect(g.call(Sys.lseek, 1, cur, Whence.SEEK_CUR)).toBe(0); // ftell on a pipe-like channel
    expect(g.readI64(cur)).toBe(5);
    const a = g.call(Sys.open, g.str('/dev/rget'), O_RDWR, 0);
    const b = g.call(Sys.open, g.str('/dev/rput'), O_RDWR, 0);
    const buf = g.alloc(8);
    expect(g.call(Sys.pread, a, buf, 2, g.i64(3))).toBe(2);
    expect(g.text(buf, 2)).toBe('de');
    expect(g.call(Sys.pwrite, a, g.data('Q'), 1, g.i64(0))).toBe(-Errno.ESPIPE);
    expect(g.call(Sys.write, a, g.data('Q'), 1)).toBe(1); // sequential put appends
    expect(rget.textContent).toBe('abcdefQ');
    expect(g.call(Sys.pread, b, buf, 2, g.i64(0))).toBe(-Errno.ESPIPE);
    expect(g.call(Sys.pwrite, b, g.data('Z'), 1, g.i64(0))).toBe(1);
    expect(rput.textContent).toBe('Zvwxyz');
    const wo = g.call(Sys.open, g.str('/dev/rget'), O_WRONLY, 0);
    expect(g.call(Sys.lseek, wo, g.i64(2), Whence.SEEK_SET)).toBe(-Errno.ESPIPE);
    expect(g.call(Sys.lseek, a, g.i64(2), Whence.SEEK_SET)).toBe(0);
  });

  it('reads /dev/nvram from its channel when no nvram is given', () => {
    const nvram = new MemoryChannel('/dev/nvram', 1, '[args]\nargs=prog -v "a b"\n[env]\nname=LANG, value=C\n[time]\nseconds=77\n', true, false);
    const g = new Guest({ channels: [...stdChannels(), nvram] });
    expect(g.zrt.argv).toEqual(['prog', '-v', 'a b']);
    expect(g.zrt.envp).toEqual(['LANG=C', 'HOME=/']);
    const tv = g.alloc(16);
    g.call(Sys.gettimeofday, tv);
    expect(g.readI64(tv)).toBe(77);
  });

  it('shows only aliases under /dev, with sub-directories', () => {
    const g = new Guest({ channels: [...stdChannels(), new MemoryChannel('/dev/in/node-2', 0), new MemoryChannel('/elsewhere', 0)] });
    expect(g.call(Sys.open, g.str('/dev/in/node-2'), O_RDONLY, 0)).toBeGreaterThanOrEqual(3);
    expect(g.call(Sys.open, g.str('/elsewhere'), O_RDONLY, 0)).toBe(-Errno.ENOENT);
  });
});
