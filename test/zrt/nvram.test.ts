// The nvram parser: ZRT's syntax, escapes, and precise line-numbered errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NvramError } from '../../src/zrt/nvram/nvram-error.ts';
import { parseNvram } from '../../src/zrt/nvram/parser.ts';

// The tarimage sample's nvram.conf as quoted in the design notes.
const sample = `[fstab]
channel=/dev/mount/import, mountpoint=/, access=ro, removable=no
channel=/dev/mount/export,  mountpoint=/, access=wo, removable=no
[env]
name=SOMEENV, value=some value
[args]
args=tarimage.nexe -arg1 \\x2C\\x2C\\x2C ::: \\x22\\x22\\x22 "short text"
[mapping]
channel=/dev/stdin,  mode=pipe #FIFO DEV
channel=/dev/stdout, mode=char  #CHAR DEV
channel=/dev/stderr, mode=file #REGULAR FILE
[time]
seconds=1370454582 #since 1970
[debug]
verbosity=1
`;

function errorOf(text: string): NvramError {
  try {
    parseNvram(text);
  } catch (e) {
    if (e instanceof NvramError) return e;
    throw e;
  }
  throw new Error('expected an NvramError');
}

/** Strings of arbitrary code points (fast to generate; no lone surrogates, which UTF-8 cannot carry). */
const codePoints = fc
  .array(fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0x80, max: 0x10ffff })), { maxLength: 40 })
  .map((cps) => String.fromCodePoint(...cps.map((c) => (c >= 0xd800 && c < 0xe000 ? 0xfffd : c))));

describe('nvram', () => {
  it('parses the tarimage sample', () => {
    const c = parseNvram(sample);
    expect(c.args).toEqual(['tarimage.nexe', '-arg1', ',,,', ':::', '"""', 'short text']);
    expect(c.env).toEqual([{ name: 'SOMEENV', value: 'some value' }]);
    expect(c.fstab).toEqual([
      { channel: '/dev/mount/import', mountpoint: '/', access: 'ro', removable: false, fsname: 'tar', line: 2 },
      { channel: '/dev/mount/export', mountpoint: '/', access: 'wo', removable: false, fsname: 'tar', line: 3 },
    ]);
    expect([...c.mapping]).toEqual([
      ['/dev/stdin', 'pipe'],
      ['/dev/stdout', 'char'],
      ['/dev/stderr', 'file'],
    ]);
    expect(c.timeSeconds).toBe(1370454582);
    expect(c.debugVerbosity).toBe(1);
    expect(c.precache).toBe(false);
  });

  it('decodes escapes in values, including multi-byte UTF-8 and zvsh-style spaces', () => {
    const c = parseNvram('[env]\nname=X, value=a\\x2Cb\\x5C\\x0Ac\\xC3\\xA9\n[args]\nargs=prog one\\x20arg "two words" ""\n');
    expect(c.env[0]!.value).toBe('a,b\\\nc\u00e9');
    expect(c.args).toEqual(['prog', 'one arg', 'two words', '']);
  });

  it('skips what ZRT skips: access=rw, removable other than yes/no, unknown sections', () => {
    const c = parseNvram('[fstab]\nchannel=/dev/x, mountpoint=/m, access=rw, removable=no\nchannel=/dev/x, mountpoint=/m, access=ro, removable=maybe\n[custom]\nfoo=bar\n[precache]\nprecache=yes\n');
    expect(c.fstab).toEqual([]);
    expect(c.skipped.map((s) => s.line)).toEqual([2, 3, 5]);
    expect(c.precache).toBe(true);
  });

  it('splits args as ZRT does: quotes only open an argument, an unclosed quote runs to the end', () => {
    const args = (v: string) => parseNvram(`[args]\nargs=${v}\n`).args;
    expect(args('a "b c"d e')).toEqual(['a', 'b c', 'd', 'e']);
    expect(args('x"y z')).toEqual(['x"y', 'z']);
    expect(args('a "b c')).toEqual(['a', 'b c']);
    expect(args('a "')).toEqual(['a', '"']);
    expect(args('\t a\t\tb ')).toEqual(['a', 'b']);
  });

  it('decodes escapes as ZRT does, keeping malformed ones as they stand', () => {
    const v = (raw: string) => parseNvram(`[env]\nname=V, value=${raw}\n`).env[0]!.value;
    expect(v('\\x4')).toBe('\\x4');
    expect(v('a\\q00')).toBe('a\\q00');
    expect(v('\\x2c\\x2C')).toBe(',,');
    expect(v('\\xzz')).toBe('3'); // ZRT counts letters past f: (35 << 4 | 35) & 0xff = 0x33
    expect(v('\\x41\\')).toBe('A\\');
  });

  it('accepts CRLF, blank lines, comments and a trailing comma', () => {
    const c = parseNvram('# header\r\n\r\n[time]\r\nseconds=5,\r\n');
    expect(c.timeSeconds).toBe(5);
  });

  it.each([
    ['name=x', 1, 'record before any [section]'],
    ['[env]\nname=a', 2, '[env] record lacks value='],
    ['[env]\nname=a, value=b, extra=c', 2, 'unknown key "extra" in [env]'],
    ['[env]\n\nname=a value=b', 3, '[env] record lacks value='],
    ['[env]\nname=a, name=b', 2, 'key "name" repeated'],
    ['[time]\nseconds=soon', 2, 'time seconds must be a non-negative integer, got "soon"'],
    ['[mapping]\nchannel=/dev/stdin, mode=socket', 2, 'mapping mode must be pipe, char or file, got "socket"'],
    ['[fstab]\nchannel=/dev/x, mountpoint=rel, access=ro', 2, 'mountpoint "rel" is not absolute'],
    ['[args\nargs=a', 1, 'bad section header "[args"'],
    ['[debug]\na=1, b=2, c=3, d=4, e=5, f=6', 2, '6 key=value pairs (at most 5)'],
    ['[debug]\nverbosity_is_a_very_long_key=1', 2, 'key "verbosity_is_a_very_long_key" is longer than 20 characters'],
    ['[env]\njust text', 2, 'expected key=value, got "just text"'],
  ])('reports %j at line %i', (text, line, message) => {
    const e = errorOf(text);
    expect(e.line).toBe(line);
    expect(e.message).toBe(`nvram line ${line}: ${message}`);
  });

  it('round-trips any value through \\xHH escaping (property)', () => {
    fc.assert(
      fc.property(codePoints, fc.boolean(), (value, escapeAll) => {
        const bytes = new TextEncoder().encode(value);
        const special = new Set([0x2c, 0x22, 0x5c, 0x0a, 0x0d, 0x23, 0x20, 0x09]);
        const escaped = Array.from(bytes, (b) =>
          escapeAll || special.has(b) || b >= 0x80 ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b),
        ).join('');
        const c = parseNvram(`[env]\nname=V, value=${escaped}\n`);
        expect(c.env[0]!.value).toBe(new TextDecoder().decode(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('never throws anything but NvramError on arbitrary text (property)', () => {
    const piece = fc.constantFrom('[env]', '[args]', '[fstab]', '[time]', 'name=', 'value=', ',', '=', '"', '\\x', '\\x2C', '#', '\n', ' ', 'a', '/dev/x', 'seconds=1', 'mode=pipe');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        try {
          parseNvram(parts.join(''));
        } catch (e) {
          expect(e).toBeInstanceOf(NvramError);
        }
      }),
      { numRuns: 500 },
    );
  });
});
