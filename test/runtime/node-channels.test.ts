// Host files and streams behind the trap: a manifest is checked, mounted and used end to end.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSession, parseManifest } from '../../src/manifest/index.ts';
import { HostStreamDevice } from '../../src/node/channels/host-stream.ts';
import { MountError, mountChannel, mountChannels } from '../../src/node/channels/mount.ts';
import { nodeHostProbe } from '../../src/node/channels/host-probe.ts';
import { TrapId } from '../../src/runtime/trap-ids.ts';
import { BUF, bytesOf, guest } from './trap-helpers.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zvm-channels-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string): string => path.join(dir, name);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const nexe = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'fixtures', 'hello-trap.nexe');

describe('mounting and using host channels', () => {
  it('reads a file, writes a fresh one, appends to a CDR file, updates a random one', async () => {
    fs.writeFileSync(at('in.txt'), 'input data');
    fs.writeFileSync(at('out.txt'), 'old contents that must go');
    fs.writeFileSync(at('log.txt'), 'line1\n');
    fs.writeFileSync(at('db.bin'), '0123456789');
    const manifest = parseManifest([
      'Version = 20130611', `Program = ${nexe}`, 'Memory = 33554432, 0', 'Timeout = 5',
      `Channel = ${at('in.txt')}, /dev/stdin, 0, 1, 10, 100, 0, 0`,
      `Channel = ${at('out.txt')}, /dev/stdout, 0, 0, 0, 0, 10, 100`,
      'Channel = /dev/null, /dev/stderr, 0, 0, 0, 0, 10, 100',
      `Channel = ${at('log.txt')}, /dev/log, 1, 0, 10, 100, 10, 100`,
      `Channel = ${at('db.bin')}, /dev/db, 3, 0, 10, 100, 10, 100`,
      `Channel = ${at('new.bin')}, /dev/new, 3, 0, 10, 100, 10, 100`,
    ].join('\n'));
    const session = checkSession(manifest, nodeHostProbe());
    expect(session.channels.map((c) => c.alias)).toEqual(['/dev/stdin', '/dev/stdout', '/dev/stderr', '/dev/db', '/dev/log', '/dev/new']);
    const channels = mountChannels(session.channels);
    const g = guest(channels);
    expect(g.call(TrapId.Read, 0, BUF, 5, 0)).toBe(5);
    expect(text(g.memory.read(BUF, 5))).toBe('input');
    g.memory.write(BUF, bytesOf('fresh!'));
    expect(g.call(TrapId.Write, 1, BUF, 6, 0)).toBe(6);
    expect(g.call(TrapId.Write, 4, BUF, 6, 0)).toBe(6); // CDR: appended after the old contents
    expect(g.call(TrapId.Read, 4, BUF + 16, 5, 0)).toBe(5); // random read from the start
    expect(text(g.memory.read(BUF + 16, 5))).toBe('line1');
    expect(g.call(TrapId.Write, 3, BUF, 2, 8)).toBe(2);
    expect(g.call(TrapId.Write, 5, BUF, 3, 0)).toBe(3);
    expect(channels[3]!.size).toBe(10);
    for (const c of channels) await c.close();
    expect(fs.readFileSync(at('out.txt'), 'utf8')).toBe('fresh!');
    expect(fs.readFileSync(at('log.txt'), 'utf8')).toBe('line1\nfresh!');
    expect(fs.readFileSync(at('db.bin'), 'utf8')).toBe('01234567fr');
    expect(fs.readFileSync(at('new.bin'), 'utf8')).toBe('fre');
  });

  it('refuses network and replicated channels with a typed error', () => {
    const spec = parseManifest(['Version=20130611', 'Program=/p', 'Memory=1,0', 'Timeout=1',
      'Channel = tcp:1.2.3.4:5, /dev/a, 0, 0, 1, 1, 0, 0', 'Channel = /a;/b, /dev/b, 0, 0, 1, 1, 0, 0'].join('\n')).channels;
    expect(() => mountChannel(spec[0]!)).toThrow(MountError);
    expect(() => mountChannel(spec[1]!)).toThrow(/replicated channels are not supported/);
  });
});

describe('HostStreamDevice', () => {
  it('reads in order (asynchronously) and writes in order', async () => {
    fs.writeFileSync(at('stream.txt'), 'abcdef');
    const reader = HostStreamDevice.open(at('stream.txt'), 'r');
    const buf = new Uint8Array(4);
    expect(await reader.read(buf)).toBe(4);
    expect(text(buf)).toBe('abcd');
    expect(await reader.read(buf)).toBe(2);
    expect(await reader.read(buf)).toBe(0);
    reader.close();
    const writer = HostStreamDevice.open(at('stream-out.txt'), 'w');
    writer.write(bytesOf('one '));
    writer.write(bytesOf('two'));
    writer.close();
    expect(fs.readFileSync(at('stream-out.txt'), 'utf8')).toBe('one two');
  });
});

describe('openSession', () => {
  it('gives ENOENT for a missing manifest, the check status for a bad one, channels for a good one', async () => {
    const { openSession } = await import('../../src/node/channels/open-session.ts');
    expect(openSession(at('none.manifest'))).toMatchObject({ ok: false, status: 2 });
    fs.writeFileSync(at('empty.manifest'), '');
    expect(openSession(at('empty.manifest'))).toMatchObject({ ok: false, status: 5 });
    fs.writeFileSync(at('in2.txt'), 'x');
    const good = ['Version = 20130611', `Program = ${path.basename(nexe)}`, 'Memory = 33554432, 0', 'Timeout = 1',
      `Channel = ${at('in2.txt')}, /dev/stdin, 0, 0, 1, 1, 0, 0`,
      `Channel = ${at('o.txt')}, /dev/stdout, 0, 0, 0, 0, 1, 1`,
      `Channel = ${at('e.txt')}, /dev/stderr, 0, 0, 0, 0, 1, 1`].join('\n');
    fs.writeFileSync(at('good.manifest'), good);
    expect(openSession(at('good.manifest'))).toMatchObject({ ok: false, status: 2 }); // Program relative to cwd
    const opened = openSession(at('good.manifest'), { cwd: path.dirname(nexe) });
    if (!opened.ok) throw new Error(opened.message);
    expect(opened.channels.map((c) => c.alias)).toEqual(['/dev/stdin', '/dev/stdout', '/dev/stderr']);
    for (const c of opened.channels) await c.close();
  });
});
