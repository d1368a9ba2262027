// Path calls: stat/lstat, mkdir/rmdir, unlink, rename, link, symlink/readlink, access, chdir/getcwd,
// chmod, truncate, utimes; path resolution limits.
import { describe, expect, it } from 'vitest';
import { AccessMode, Mode, OpenFlag, StatLayout } from '../../src/zrt/abi.ts';
import { Errno } from '../../src/zrt/errno.ts';
import { Sys } from '../../src/zrt/syscalls/numbers.ts';
import { Guest } from './harness.ts';

const { O_RDONLY, O_WRONLY, O_CREAT } = OpenFlag;

function stat(g: Guest, path: string, follow = true) {
  const buf = g.alloc(StatLayout.SIZE);
  const r = g.call(follow ? Sys.stat : Sys.lstat, g.str(path), buf);
  return r !== 0 ? r : g.statAt(buf);
}

function statOk(g: Guest, path: string, follow = true) {
  const s = stat(g, path, follow);
  if (typeof s === 'number') throw new Error(`stat ${path} failed: ${s}`);
  return s;
}

function create(g: Guest, path: string, content = ''): void {
  const fd = g.call(Sys.open, g.str(path), O_CREAT | O_WRONLY, 0o644);
  expect(fd).toBeGreaterThanOrEqual(0);
  const b = new TextEncoder().encode(content);
  if (b.length) expect(g.call(Sys.write, fd, g.data(b), b.length)).toBe(b.length);
  g.call(Sys.close, fd);
}

function getcwd(g: Guest): string {
  const buf = g.alloc(256);
  expect(g.call(Sys.getcwd, buf, 256)).toBe(0);
  const b = g.bytes(buf, 256);
  return new TextDecoder().decode(b.subarray(0, b.indexOf(0)));
}

describe('mkdir, rmdir, stat', () => {
  it('creates directories and keeps link counts', () => {
    const g = new Guest();
    expect(g.call(Sys.mkdir, g.str('/a'), 0o750)).toBe(0);
    expect(g.call(Sys.mkdir, g.str('/a'), 0o750)).toBe(-Errno.EEXIST);
    expect(g.call(Sys.mkdir, g.str('/a/b/c'), 0o750)).toBe(-Errno.ENOENT);
    expect(g.call(Sys.mkdir, g.str('/a/b'), 0o700)).toBe(0);
    const a = statOk(g, '/a');
    expect(a.mode).toBe(Mode.S_IFDIR | 0o750);
    expect(a.nlink).toBe(3);
    expect(g.call(Sys.rmdir, g.str('/a'))).toBe(-Errno.ENOTEMPTY);
    expect(g.call(Sys.rmdir, g.str('/a/b'))).toBe(0);
    expect(statOk(g, '/a').nlink).toBe(2);
    create(g, '/a/f');
    expect(g.call(Sys.rmdir, g.str('/a/f'))).toBe(-Errno.ENOTDIR);
    expect(g.call(Sys.rmdir, g.str('/a/.'))).toBe(-Errno.EINVAL);
    expect(g.call(Sys.rmdir, g.str('/'))).toBe(-Errno.EBUSY);
    expect(g.call(Sys.rmdir, g.str('/dev'))).toBe(-Errno.EBUSY);
    expect(stat(g, '/nope')).toBe(-Errno.ENOENT);
    expect(stat(g, '/a/f/x')).toBe(-Errno.ENOTDIR);
    expect(stat(g, '/a/f/')).toBe(-Errno.ENOTDIR);
    expect(stat(g, '')).toBe(-Errno.ENOENT);
  });

  it('clamps .. at the root: nothing escapes /', () => {
    const g = new Guest();
    g.call(Sys.mkdir, g.str('/a'), 0o755);
    expect(statOk(g, '/../../..').ino).toBe(statOk(g, '/').ino);
    expect(statOk(g, '/a/../../../a').ino).toBe(statOk(g, '/a').ino);
    g.call(Sys.chdir, g.str('/a'));
    expect(statOk(g, '../../../tmp').ino).toBe(statOk(g, '/tmp').ino);
  });

  it('bounds-checks path strings', () => {
    const g = new Guest();
    const end = 4 << 20;
    g.mem.write(end - 3, new TextEncoder().encode('/tm')); // no NUL before the end of memory
    expect(g.call(Sys.mkdir, end - 3, 0o755)).toBe(-Errno.EFAULT);
    g.mem.write(end - 5, new TextEncoder().encode('/tmp\0'));
    expect(g.call(Sys.chdir, end - 5)).toBe(0);
    const long = g.alloc(5000);
    g.mem.bytes.fill(0x61, long, long + 5000);
    expect(g.call(Sys.mkdir, long, 0o755)).toBe(-Errno.ENAMETOOLONG);
    expect(g.call(Sys.rename, g.str('/tmp'), 0)).toBe(-Errno.EFAULT);
  });

  it('reports ENAMETOOLONG for long names and paths', () => {
    const g = new Guest();
    expect(g.call(Sys.mkdir, g.str('/' + 'x'.repeat(256)), 0o755)).toBe(-Errno.ENAMETOOLONG);
    expect(g.call(Sys.mkdir, g.str('/' + 'x'.repeat(255)), 0o755)).toBe(0);
    expect(stat(g, '/a'.repeat(2100))).toBe(-Errno.ENAMETOOLONG);
  });
});

describe('unlink, rename, link', () => {
  it('unlinks files but not directories', () => {
    const g = new Guest();
    create(g, '/tmp/f');
    expect(g.call(Sys.unlink, g.str('/tmp'))).toBe(-Errno.EISDIR);
    expect(g.call(Sys.unlink, g.str('/tmp/f'))).toBe(0);
    expect(g.call(Sys.unlink, g.str('/tmp/f'))).toBe(-Errno.ENOENT);
  });

  it('keeps an unlinked open file readable', () => {
    const g = new Guest();
    create(g, '/tmp/f', 'still here');
    const fd = g.call(Sys.open, g.str('/tmp/f'), O_RDONLY, 0);
    g.call(Sys.unlink, g.str('/tmp/f'));
    const buf = g.alloc(16);
    expect(g.call(Sys.read, fd, buf, 16)).toBe(10);
    expect(g.text(buf, 10)).toBe('still here');
  });

  it('counts hard links and shares content', () => {
    const g = new Guest();
    create(g, '/tmp/f', 'one');
    expect(g.call(Sys.link, g.str('/tmp/f'), g.str('/tmp/g'))).toBe(0);
    expect(statOk(g, '/tmp/f').nlink).toBe(2);
    expect(statOk(g, '/tmp/g').ino).toBe(statOk(g, '/tmp/f').ino);
    expect(g.call(Sys.link, g.str('/tmp/f'), g.str('/tmp/g'))).toBe(-Errno.EEXIST);
    expect(g.call(Sys.link, g.str('/tmp'), g.str('/tmp2'))).toBe(-Errno.EPERM);
    expect(g.call(Sys.link, g.str('/tmp/none'), g.str('/tmp/h'))).toBe(-Errno.ENOENT);
    g.call(Sys.unlink, g.str('/tmp/f'));
    expect(statOk(g, '/tmp/g').nlink).toBe(1);
    expect(statOk(g, '/tmp/g').size).toBe(3);
  });

  it('renames files and directories with POSIX rules', () => {
    const g = new Guest();
    create(g, '/tmp/a', 'A');
    create(g, '/tmp/b', 'B');
    g.call(Sys.mkdir, g.str('/tmp/d'), 0o755);
    g.call(Sys.mkdir, g.str('/tmp/e'), 0o755);
    create(g, '/tmp/e/x');
    expect(g.call(Sys.rename, g.str('/tmp/a'), g.str('/tmp/b'))).toBe(0);
    expect(statOk(g, '/tmp/b').size).toBe(1);
    expect(stat(g, '/tmp/a')).toBe(-Errno.ENOENT);
    expect(g.call(Sys.rename, g.str('/tmp/b'), g.str('/tmp/d'))).toBe(-Errno.EISDIR);
    expect(g.call(Sys.rename, g.str('/tmp/d'), g.str('/tmp/b'))).toBe(-Errno.ENOTDIR);
    expect(g.call(Sys.rename, g.str('/tmp/d'), g.str('/tmp/e'))).toBe(-Errno.ENOTEMPTY);
    expect(g.call(Sys.rename, g.str('/tmp/d'), g.str('/tmp/d/sub'))).toBe(-Errno.EINVAL);
    expect(g.call(Sys.rename, g.str('/tmp/e'), g.str('/e2'))).toBe(0);
    expect(statOk(g, '/e2/x').nlink).toBe(1);
    expect(statOk(g, '/tmp').nlink).toBe(3);
    expect(statOk(g, '/').nlink).toBe(5); // dev, tmp, e2
    expect(g.call(Sys.rename, g.str('/tmp/b'), g.str('/tmp/b'))).toBe(0);
    expect(g.call(Sys.rename, g.str('/tmp/missing'), g.str('/tmp/c'))).toBe(-Errno.ENOENT);
    // the cwd follows a renamed directory
    g.call(Sys.chdir, g.str('/e2'));
    g.call(Sys.rename, g.str('/e2'), g.str('/tmp/e3'));
    expect(getcwd(g)).toBe('/tmp/e3');
  });
});

describe('symlink, readlink, lstat', () => {
  it('stores targets verbatim and resolves relative to the link', () => {
    const g = new Guest();
    g.call(Sys.mkdir, g.str('/a'), 0o755);
    create(g, '/a/file', 'content');
    expect(g.call(Sys.symlink, g.str('file'), g.str('/a/rel'))).toBe(0);
    expect(g.call(Sys.symlink, g.str('/a'), g.str('/tmp/abs'))).toBe(0);
    expect(g.call(Sys.symlink, g.str('x'), g.str('/a/rel'))).toBe(-Errno.EEXIST);
    expect(g.call(Sys.symlink, g.str(''), g.str('/a/empty'))).toBe(-Errno.ENOENT);
    expect(statOk(g, '/tmp/abs/rel').size).toBe(7);
    const l = statOk(g, '/a/rel', false);
    expect(l.mode).toBe(Mode.S_IFLNK | 0o777);
    expect(l.size).toBe(4);
    const buf = g.alloc(64);
    expect(g.call(Sys.readlink, g.str('/a/rel'), buf, 64)).toBe(4);
    expect(g.text(buf, 4)).toBe('file');
    expect(g.call(Sys.readlink, g.str('/a/rel'), buf, 2)).toBe(2);
    expect(g.call(Sys.readlink, g.str('/a/file'), buf, 64)).toBe(-Errno.EINVAL);
    // a trailing slash follows the link
    expect(statOk(g, '/tmp/abs/').mode & Mode.S_IFMT).toBe(Mode.S_IFDIR);
    // .. after a symlinked directory is the target's parent (physical resolution)
    g.call(Sys.symlink, g.str('/a'), g.str('/tmp/deep'));
    expect(statOk(g, '/tmp/deep/..').ino).toBe(statOk(g, '/').ino);
  });

  it('gives ELOOP for cycles and for chains longer than 40', () => {
    const g = new Guest();
    g.call(Sys.symlink, g.str('/tmp/l2'), g.str('/tmp/l1'));
    g.call(Sys.symlink, g.str('/tmp/l1'), g.str('/tmp/l2'));
    expect(stat(g, '/tmp/l1')).toBe(-Errno.ELOOP);
    expect(g.call(Sys.open, g.str('/tmp/l1/x'), O_RDONLY, 0)).toBe(-Errno.ELOOP);
    expect(typeof stat(g, '/tmp/l1', false)).toBe('object');
    g.call(Sys.symlink, g.str('.'), g.str('/tmp/self'));
    expect(statOk(g, '/tmp/self/self/self').ino).toBe(statOk(g, '/tmp').ino);
    create(g, '/tmp/c0');
    for (let i = 1; i <= 41; i++) g.call(Sys.symlink, g.str(`c${i - 1}`), g.str(`/tmp/c${i}`));
    expect(typeof stat(g, '/tmp/c40')).toBe('object');
    expect(stat(g, '/tmp/c41')).toBe(-Errno.ELOOP);
  });
});

describe('access, chmod, truncate, utimes', () => {
  it('checks owner bits', () => {
    const g = new Guest();
    create(g, '/tmp/f');
    expect(g.call(Sys.access, g.str('/tmp/f'), AccessMode.F_OK)).toBe(0);
    expect(g.call(Sys.access, g.str('/tmp/f'), AccessMode.R_OK | AccessMode.W_OK)).toBe(0);
    expect(g.call(Sys.access, g.str('/tmp/f'), AccessMode.X_OK)).toBe(-Errno.EACCES);
    expect(g.call(Sys.chmod, g.str('/tmp/f'), 0o500)).toBe(0);
    expect(g.call(Sys.access, g.str('/tmp/f'), AccessMode.X_OK)).toBe(0);
    expect(g.call(Sys.access, g.str('/tmp/f'), AccessMode.W_OK)).toBe(-Errno.EACCES);
    expect(g.call(Sys.access, g.str('/tmp/none'), AccessMode.F_OK)).toBe(-Errno.ENOENT);
    expect(g.call(Sys.access, g.str('/tmp/f'), 8)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.chmod, g.str('/tmp/none'), 0o500)).toBe(-Errno.ENOENT);
  });

  it('truncates by path', () => {
    const g = new Guest();
    create(g, '/tmp/f', 'abcdef');
    expect(g.call(Sys.truncate, g.str('/tmp/f'), g.i64(2))).toBe(0);
    expect(statOk(g, '/tmp/f').size).toBe(2);
    expect(g.call(Sys.truncate, g.str('/tmp'), g.i64(2))).toBe(-Errno.EISDIR);
    expect(g.call(Sys.truncate, g.str('/tmp/f'), g.i64(-2))).toBe(-Errno.EINVAL);
    expect(g.call(Sys.truncate, g.str('/tmp/f'), g.i64(2 ** 31))).toBe(-Errno.EFBIG);
    expect(g.call(Sys.truncate, g.str('/dev/null'), g.i64(0))).toBe(-Errno.EINVAL);
  });

  it('sets times from timevals, or to the current time', () => {
    const g = new Guest({ nvram: '[time]\nseconds=5000\n' });
    create(g, '/tmp/f');
    const times = g.alloc(32);
    const v = g.view();
    v.setBigInt64(times, 100n, true);
    v.setInt32(times + 8, 250, true);
    v.setBigInt64(times + 16, 200n, true);
    v.setInt32(times + 24, 999_999, true);
    expect(g.call(Sys.utimes, g.str('/tmp/f'), times)).toBe(0);
    const s = statOk(g, '/tmp/f');
    expect([s.atime, s.atimensec, s.mtime, s.mtimensec]).toEqual([100, 250_000, 200, 999_999_000]);
    v.setInt32(times + 24, 1_000_000, true);
    expect(g.call(Sys.utimes, g.str('/tmp/f'), times)).toBe(-Errno.EINVAL);
    expect(g.call(Sys.utimes, g.str('/tmp/f'), 0)).toBe(0);
    expect(statOk(g, '/tmp/f').mtime).toBe(5000);
  });
});

describe('chdir, fchdir, getcwd', () => {
  it('tracks the working directory', () => {
    const g = new Guest();
    expect(getcwd(g)).toBe('/');
    g.call(Sys.mkdir, g.str('/a'), 0o755);
    g.call(Sys.mkdir, g.str('/a/b'), 0o755);
    expect(g.call(Sys.chdir, g.str('/a/b'))).toBe(0);
    expect(getcwd(g)).toBe('/a/b');
    create(g, 'rel');
    expect(statOk(g, '/a/b/rel').size).toBe(0);
    expect(g.call(Sys.chdir, g.str('..'))).toBe(0);
    expect(getcwd(g)).toBe('/a');
    expect(g.call(Sys.chdir, g.str('b/rel'))).toBe(-Errno.ENOTDIR);
    const fd = g.call(Sys.open, g.str('/tmp'), O_RDONLY, 0);
    expect(g.call(Sys.fchdir, fd)).toBe(0);
    expect(getcwd(g)).toBe('/tmp');
    const file = g.call(Sys.open, g.str('/a/b/rel'), O_RDONLY, 0);
    expect(g.call(Sys.fchdir, file)).toBe(-Errno.ENOTDIR);
    expect(g.call(Sys.getcwd, g.alloc(4), 4)).toBe(-Errno.ERANGE);
    expect(g.call(Sys.getcwd, g.alloc(5), 5)).toBe(0);
    // a removed working directory has no path
    g.call(Sys.chdir, g.str('/a/b'));
    g.call(Sys.unlink, g.str('/a/b/rel'));
    g.call(Sys.rmdir, g.str('/a/b'));
    expect(g.call(Sys.getcwd, g.alloc(64), 64)).toBe(-Errno.ENOENT);
  });
});
