// The manifest reader: keys, values, ignored lines, limits, and a precise error for each refusal.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, tryParseManifest } from '../../src/manifest/index.ts';

const STD = [
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1, 1, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1, 1',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1, 1',
];
const BASE = ['Version = 20130611', 'Program = /p.nexe', 'Memory = 33554432, 0', 'Timeout = 1', ...STD];
const manifest = (...extra: string[]): string => [...BASE, ...extra].join('\n');

function errorOf(text: string | Uint8Array): ManifestError {
  const r = tryParseManifest(text);
  if (r.ok) throw new Error('expected a ManifestError, the manifest was accepted');
  return r.error;
}

describe('parseManifest: accepted input', () => {
  it('reads every key', () => {
    const m = parseManifest(
      manifest('NameServer = udp:10.0.0.1:54321', 'Node = 0x10', 'Job = /tmp/job.sock', 'Etag = abc',
        'Channel = tcp:2:, /dev/out/2, 0, 1, 0, 0, 9, 010;', ).replace(';', ''),
    );
    expect(m).toMatchObject({ version: '20130611', program: '/p.nexe', memory: 33554432n, memoryEtag: false, timeout: 1, node: 16, job: '/tmp/job.sock', etag: 'abc' });
    expect(m.nameServer).toEqual({ kind: 'connection', protocol: 'UDP', host: 0x0a000001, hostIsAddress: true, port: 54321 });
    const net = m.channels[3]!;
    expect(net).toMatchObject({ line: 12, alias: '/dev/out/2', type: 0, etag: true, limits: { gets: 0n, getSize: 0n, puts: 9n, putSize: 8n } });
    expect(net.sources).toEqual([{ kind: 'connection', protocol: 'TCP', host: 2, hostIsAddress: false, port: 0 }]);
  });

  it('ignores comment-like, unknown-key and multi-= lines, and keeps CRLF files working', () => {
    const text = ['== a comment ==', 'NodeName = 3', 'Version = 20130611 = x', 'nonsense', '', ...BASE].join('\r\n');
    const m = parseManifest(text);
    expect(m.channels.length).toBe(3);
    expect(m.node).toBeUndefined();
  });

  it('splits several sources on ; and keeps manifest order of channels', () => {
    const m = parseManifest(manifest('Channel = /a ; /b;/c, /dev/x, 3, 0, 1, 1, 1, 1'));
    expect(m.channels.map((c) => c.alias)).toEqual(['/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/x']);
    expect(m.channels[3]!.sources).toEqual([{ kind: 'file', path: '/a' }, { kind: 'file', path: '/b' }, { kind: 'file', path: '/c' }]);
  });

  it('ends the text at a NUL byte, like the C string it is', () => {
    const bytes = new TextEncoder().encode(manifest() + '\0Version = 1');
    expect(parseManifest(bytes).version).toBe('20130611');
  });

  it('keeps the rest of the file in line 0x2000 (lines beyond are not split)', () => {
    const head = ['Program=/p', 'Memory=1,0', 'Timeout=1', ...STD];
    const filler = Array.from({ length: 0x2000 - 1 - head.length }, () => '==');
    // One Version on line 0x2000 is read...
    expect(parseManifest([...head, ...filler, 'Version = 20130611'].join('\n')).version).toBe('20130611');
    // ...but with a line after it, line 0x2000 is "Version = 20130611\nVersion = 20130611": two '=', ignored.
    const text = [...head, ...filler, 'Version = 20130611', 'Version = 20130611'].join('\n');
    expect(errorOf(text).problem).toBe('Version not specified');
  });

  it('cuts Timeout and Node to 32 bits, and the channel type to an unsigned 32-bit value', () => {
    const m = parseManifest(manifest('Node = 0x100000005', 'Channel = /x, /dev/t, 0x100000002, 0, 1, 1, 0, 0').replace('Timeout = 1', 'Timeout = 0x100000007'));
    expect(m.timeout).toBe(7);
    expect(m.node).toBe(5);
    expect(m.channels[3]!.type).toBe(2);
    expect(parseManifest(manifest('Channel = /x, /dev/t, -1, 0, 1, 1, 0, 0')).channels[3]!.type).toBe(0xffffffff);
  });
});

describe('parseManifest: refusals name the line and the problem', () => {
  it.each([
    ['Version = 20130612', 1, 'invalid manifest version "20130612" (expected 20130611)'],
    ['Memory = 33554432', 3, 'invalid memory token: expected "<bytes>, <etag 0|1>"'],
    ['Memory = 33554432, 2', 3, 'invalid memory etag token 2 (expected 0 or 1)'],
    ['Memory = 32M, 0', 3, 'Memory size: invalid numeric value "32M" (unexpected "M")'],
    ['Memory = 1, 0, 1', 3, 'Memory etag: invalid numeric value "0, 1" (unexpected ", 1")'],
    ['Timeout = 9223372036854775808', 4, 'Timeout: "9223372036854775808" is out of the int64 range'],
  ])('%s', (replacement, line, problem) => {
    const key = replacement.split(' ')[0]!;
    const text = BASE.map((l) => (l.startsWith(key) ? replacement : l)).join('\n');
    const e = errorOf(text);
    expect({ stage: e.stage, status: e.status, line: e.line, problem: e.problem }).toEqual({ stage: 'parse', status: 14, line, problem });
    expect(e.message).toBe(`MANIFEST ${line}: ${problem} (zerovm exit status 14, EFAULT)`);
  });

  it.each([
    ['Channel = /x, /dev/x, 0, 0, 1, 1, 0', 'invalid channel tokens number: 7 fields, expected 8 (uri, alias, type, etag, gets, get_size, puts, put_size)'],
    ['Channel = /x, /dev/x, 0, 0, 1, 1, 0, 0, 0', 'invalid channel tokens number: more than 8 fields'],
    ['Channel = x, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": only absolute path channels are allowed, got "x"'],
    ['Channel = file:/x, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": invalid channel name "file:/x" (unknown protocol "file")'],
    ['Channel = /x;;/y, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": empty source uri'],
    ['Channel = , /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": empty source uri'],
    ['Channel =,/dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x" has no source uri'],
    ['Channel = tcp, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": invalid channel url "tcp" (expected TCP:<host>:<port>)'],
    ['Channel = tcp:1.2.3:5, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": malformed ip token "1.2.3"'],
    ['Channel = tcp:0.0.0.0:5, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": malformed ip token "0.0.0.0"'],
    ['Channel = tcp:01.2.3.4:5, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x": malformed ip token "01.2.3.4"'],
    ['Channel = tcp:two:5, /dev/x, 0, 0, 1, 1, 0, 0', 'channel "/dev/x" host: invalid numeric value "two" (unexpected "two")'],
    ['Channel = /x, /dev/x, z, 0, 1, 1, 0, 0', 'channel type: invalid numeric value "z" (unexpected "z")'],
    ['Channel = /x, /dev/x, 0, 2, 1, 1, 0, 0', 'invalid channel etag 2 for "/dev/x" (expected 0 or 1)'],
    ['Channel = /x, /dev/x, 0, 0, 1, -1, 0, 0', 'negative limits for "/dev/x": get_size = -1'],
    ['Channel = /x, /dev/x, 0, 0, 1, 1, 0, -0x1', 'negative limits for "/dev/x": put_size = -1'],
    // Measured before trimming: " /" + 107 letters is 109 bytes.
    ['Job = /' + 'j'.repeat(107), 'too long Job name (109 bytes, at most 108)'],
    ['NameServer = udp:1.2.3.4', 'NameServer: invalid channel url "udp:1.2.3.4": missing port (write UDP:<host>:<port>, port may be empty)'],
  ])('%s', (line, problem) => {
    const e = errorOf(manifest(line));
    expect({ status: e.status, line: e.line, problem: e.problem }).toEqual({ status: 14, line: 8, problem });
  });

  it.each([
    ['Version', 'Version not specified'],
    ['Program', 'Program not specified'],
    ['Memory', 'Memory not specified'],
    ['Timeout', 'Timeout not specified'],
  ])('missing %s', (key, problem) => {
    const e = errorOf(BASE.filter((l) => !l.startsWith(key)).join('\n'));
    expect({ stage: e.stage, status: e.status, line: e.line, problem: e.problem }).toEqual({ stage: 'keys', status: 14, line: undefined, problem });
  });

  it('checks singletons from the last keyword down (Etag before Version)', () => {
    expect(errorOf(manifest('Etag = a', 'Etag = b', 'Version = 20130611')).problem).toBe('duplicate Etag keyword (2 times)');
    expect(errorOf(manifest('Program = /q', 'Version = 20130611')).problem).toBe('duplicate Program keyword (2 times)');
    // Both Program and Version missing: Program (the later keyword) is reported.
    expect(errorOf(BASE.slice(2).join('\n')).problem).toBe('Program not specified');
  });

  it('refuses an empty file with EIO and an oversized one', () => {
    expect(errorOf(new Uint8Array(0))).toMatchObject({ stage: 'read', status: 5 });
    expect(errorOf(new Uint8Array(0x80000).fill(0x3d))).toMatchObject({ stage: 'read', status: 14 });
    expect(parseManifest(manifest() + '\n' + '='.repeat(0x80000 - manifest().length - 2)).version).toBe('20130611');
  });
});

describe('parseManifest never throws anything but ManifestError', () => {
  const check = (input: string | Uint8Array): void => {
    try {
      parseManifest(input);
    } catch (e) {
      expect(e).toBeInstanceOf(ManifestError);
    }
  };
  const tokens = ['Version', 'Program', 'Memory', 'Timeout', 'Channel', 'NameServer', 'Node', 'Job', 'Etag', '=', ',', ';', ':',
    ' ', '\n', '\r', '\t', '0', '1', '-1', '0x', '08', 'tcp', 'udp', '1.2.3.4', '/dev/stdin', '/x', '20130611', '\0', '\u00e9'];

  it('on random token soups', () => {
    fc.assert(fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 80 }), (parts) => check(parts.join(''))), { numRuns: 3000 });
  });

  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), check), { numRuns: 2000 });
  });

  it('on mutations of a valid manifest', () => {
    const valid = manifest('NameServer = udp:10.0.0.1:1', 'Node = 1', 'Channel = tcp:2:, /dev/in, 0, 0, 1, 1, 0, 0');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length), fc.nat(6), fc.constantFrom(...tokens)), { minLength: 1, maxLength: 6 }), (edits) => {
        let s = valid;
        for (const [at, cut, insert] of edits) s = s.slice(0, at) + insert + s.slice(at + cut);
        check(s);
      }),
      { numRuns: 3000 },
    );
  });
});
