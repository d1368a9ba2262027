// The set-up checks after parsing: their order and the zerovm exit status of each refusal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, checkSession, parseManifest, sessionStatus, type HostProbe, type SourceKind } from '../../src/manifest/index.ts';

const nexe = new Uint8Array(fs.readFileSync(path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'fixtures', 'hello-trap.nexe')));

const probe = (sources: Record<string, SourceKind> = {}): HostProbe => ({
  program: (p) =>
    p === '/ok.nexe' ? { kind: 'contents', bytes: nexe }
    : p === '/text.nexe' ? { kind: 'contents', bytes: new TextEncoder().encode('#!/bin/sh\n') }
    : p === '/empty.nexe' ? { kind: 'contents', bytes: new Uint8Array(0) }
    : p === '/huge.nexe' ? { kind: 'too-large', size: 2 ** 31 }
    : p === '/dev/zero' ? { kind: 'not-a-file', what: 'a character device' }
    : { kind: 'missing' },
  source: (p) => sources[p] ?? (p.startsWith('/dev/') ? 'character' : p.startsWith('/new') ? 'missing' : 'regular'),
});

const STD = [
  'Channel = /dev/stdin, /dev/stdin, 0, 0, 1, 1, 0, 0',
  'Channel = /dev/stdout, /dev/stdout, 0, 0, 0, 0, 1, 1',
  'Channel = /dev/stderr, /dev/stderr, 0, 0, 0, 0, 1, 1',
];
const make = (o: { program?: string; memory?: string; timeout?: string; extra?: string[]; std?: string[] } = {}): string =>
  ['Version = 20130611', `Program = ${o.program ?? '/ok.nexe'}`, `Memory = ${o.memory ?? '33554432, 0'}`, `Timeout = ${o.timeout ?? '1'}`, ...(o.std ?? STD), ...(o.extra ?? [])].join('\n');

function status(text: string, sources?: Record<string, SourceKind>): [number, string] {
  const r = sessionStatus(text, probe(sources));
  return 'error' in r ? [r.status, r.error.problem] : [r.status, 'ok'];
}

describe('set-up checks', () => {
  it('accepts a good manifest and orders the channels: standard ones, then strcmp order of aliases', () => {
    const r = sessionStatus(make({ extra: ['Channel = /d, /dev/z, 0, 0, 1, 1, 0, 0', 'Channel = /d, /dev/\u00e9, 0, 0, 1, 1, 0, 0', 'Channel = /d, /dev/B, 0, 0, 1, 1, 0, 0', 'Channel = /d, /dev/a, 0, 0, 1, 1, 0, 0'], std: [...STD].reverse() }), probe());
    if (!('session' in r)) throw new Error(r.error.message);
    expect(r.session.channels.map((c) => c.alias)).toEqual(['/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/B', '/dev/a', '/dev/z', '/dev/\u00e9']);
    expect(r.session.program).toBe(nexe);
  });

  it.each([
    ['/nope.nexe', 2, 'Program "/nope.nexe": nexe open error: no such file'],
    ['/dev/zero', 5, 'Program "/dev/zero": cannot be loaded: a character device, not a regular file'],
    ['/huge.nexe', 5, 'Program "/huge.nexe": too large program: 2147483648 bytes (at most 1073741824)'],
    ['/empty.nexe', 5, 'Program "/empty.nexe": nexe read error: the file is empty'],
  ])('Program %s -> %i', (program, code, problem) => {
    expect(status(make({ program }))).toEqual([code, problem]);
  });

  it('refuses a file that is not an ELF with ENOEXEC', () => {
    expect(status(make({ program: '/text.nexe' }))[0]).toBe(8);
  });

  it('checks the Program before the channels, the channels before Memory, Memory before Timeout', () => {
    const badChannel = 'Channel = /d, /dev/x, 7, 0, 1, 1, 0, 0';
    expect(status(make({ program: '/nope.nexe', extra: [badChannel] }))[0]).toBe(2);
    expect(status(make({ memory: '0, 0', extra: [badChannel] }))).toEqual([14, '"/dev/x" has invalid type 7 (0..3)']);
    expect(status(make({ memory: '0, 0', timeout: '0' }))[0]).toBe(12);
    expect(status(make({ timeout: '0' }))).toEqual([14, 'invalid timeout 0 (at least 1 second)']);
  });

  it('accepts Memory up to 4 GiB and refuses 0 and more with ENOMEM', () => {
    expect(status(make({ memory: '0x100000000, 1' }))[0]).toBe(0);
    expect(status(make({ memory: '0x100000001, 1' }))).toEqual([12, 'invalid memory size 4294967297 (expected 1..4294967296)']);
    expect(status(make({ memory: '0, 0' }))[0]).toBe(12);
  });

  it('counts channels: fewer than 3 is EFAULT, 10915 or more is ENFILE', () => {
    expect(status(make({ std: STD.slice(0, 2) }))).toEqual([14, 'not enough channels: 2 (at least 3)']);
    const base = parseManifest(make());
    const extra = (n: number) => Array.from({ length: n }, (_, i) => ({ ...base.channels[0]!, alias: `/dev/c${i}` }));
    const withCount = (n: number) => {
      try {
        checkSession({ ...base, channels: [...base.channels, ...extra(n - 3)] }, probe());
        return 0;
      } catch (e) {
        return (e as ManifestError).status;
      }
    };
    expect(withCount(10915)).toBe(23);
    expect(withCount(10914)).toBe(0);
  });

  it('cannot reach ENFILE from a file: only 0x2000 lines are split, the rest is one ignored line', () => {
    const many = Array.from({ length: 10915 }, (_, i) => `Channel = /d, /dev/c${i}, 0, 0, 1, 1, 0, 0`);
    const m = parseManifest(make({ extra: many }));
    expect(m.channels.length).toBe(0x2000 - 1 - 4);
  });

  it('names the duplicate alias and its line', () => {
    const r = sessionStatus(make({ extra: ['Channel = /a, /dev/x, 0, 0, 1, 1, 0, 0', 'Channel = /b, /dev/x, 0, 0, 1, 1, 0, 0'] }), probe());
    expect('error' in r && [r.status, r.error.line, r.error.problem]).toEqual([14, 9, '"/dev/x" is already allocated (duplicate alias)']);
  });

  it('needs all three standard channels', () => {
    const noStdout = [STD[0]!, STD[2]!, 'Channel = /d, /dev/x, 0, 0, 1, 1, 0, 0'];
    expect(status(make({ std: noStdout }))).toEqual([14, 'missing standard channels in manifest: /dev/stdout']);
  });

  it.each([
    [['Channel = /s, /dev/x, 0, 0, 1, 1, 0, 0'], { '/s': 'socket' }, 93],
    [['Channel = /s, /dev/x, 0, 0, 1, 1, 0, 0'], { '/s': 'directory' }, 93],
    [['Channel = /dev/tty, /dev/x, 0, 0, 1, 1, 1, 1'], {}, 14], // a stream cannot be read and written
    [['Channel = /f, /dev/x, 0, 0, 1, 1, 1, 1'], {}, 14], // r/w on a sequential type
    [['Channel = /f, /dev/x, 2, 0, 1, 1, 1, 1'], {}, 14],
    [['Channel = /f, /dev/x, 1, 0, 1, 1, 1, 1'], {}, 0],
    [['Channel = /f, /dev/x, 3, 0, 1, 1, 1, 1'], {}, 0],
    [['Channel = /f, /dev/x, 3, 0, 1, 0, 0, 1'], {}, 22], // one limit of each pair is 0: NIL
    [['Channel = /new, /dev/x, 0, 0, 1, 1, 0, 0'], {}, 14], // missing and read-only
    [['Channel = /new, /dev/x, 0, 0, 0, 0, 1, 1'], {}, 0], // missing and written: created
    [['Channel = udp:1.2.3.4:5, /dev/x, 0, 0, 1, 1, 0, 0'], {}, 93],
    [['Channel = tcp:1.2.3.4:5, /dev/x, 0, 0, 1, 1, 0, 0'], {}, 0],
    [['Channel = tcp:2:, /dev/x, 0, 0, 1, 1, 0, 0'], {}, 14], // a node id needs a name server
    [['Channel = tcp:2:, /dev/x, 0, 0, 1, 1, 0, 0', 'NameServer = udp:1.2.3.4:5', 'Node = 1'], {}, 0],
    [['NameServer = udp:1.2.3.4:5', 'Node = 0'], {}, 14],
    [['NameServer = /ns', 'Node = 1'], {}, 14],
  ] as [string[], Record<string, SourceKind>, number][])('%j with %j -> %i', (extra, sources, code) => {
    expect(status(make({ extra }), sources)[0]).toBe(code);
  });
});

describe('sessionStatus never throws anything but a status', () => {
  it('on mutations of a valid manifest', async () => {
    const fc = (await import('fast-check')).default;
    const valid = make({ extra: ['NameServer = udp:10.0.0.1:1', 'Node = 1', 'Channel = tcp:2:, /dev/in, 0, 0, 1, 1, 0, 0', 'Channel = /f, /dev/db, 3, 1, 5, 5, 5, 5'] });
    const tokens = ['=', ',', ';', ':', ' ', '\n', '0', '1', '-1', '0x', '3', '4', '/dev/stdin', 'tcp', 'udp', '/new', '/dev/zero', '/text.nexe'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length), fc.nat(6), fc.constantFrom(...tokens)), { minLength: 1, maxLength: 6 }), (edits) => {
        let s = valid;
        for (const [at, cut, insert] of edits) s = s.slice(0, at) + insert + s.slice(at + cut);
        const r = sessionStatus(s, probe());
        expect(r.status === 0 ? 'session' in r : 'error' in r && r.error.status === r.status).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
