// ZRT end to end: a C program built with zvm cc reads files of a tar-mounted tree, lists it, writes files
// exported as a tar at exit and reads the clock; two runs give identical outputs, etags and instruction counts.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel, memorySink, memorySource, type MemoryFile } from '../../src/channels/index.ts';
import { Session } from '../../src/session/index.ts';
import { buildNexe } from '../../src/toolchain/build-nexe.ts';
import { readTar } from '../../src/zrt/tar/reader.ts';

const LIMIT = 1 << 30;
const limits = { gets: LIMIT, getSize: LIMIT, puts: LIMIT, putSize: LIMIT };
const source = path.join(import.meta.dirname, 'c', 'tar-files.c');
let work: string;
let nexe: Uint8Array;
let image: Uint8Array;
const words = 'alpha\nbeta\ngamma\ndelta\n';

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'zvm-e2e-'));
  const out = path.join(work, 'tar-files.nexe');
  await buildNexe({ inputs: [source], output: out, cflags: ['-O2'] });
  nexe = new Uint8Array(readFileSync(out));
  // The tree is packed by GNU tar, an independent writer.
  mkdirSync(path.join(work, 'tree', 'data'), { recursive: true });
  writeFileSync(path.join(work, 'tree', 'data', 'words.txt'), words);
  writeFileSync(path.join(work, 'tree', 'data', 'b.bin'), new Uint8Array(3000).map((_, i) => i & 0xff));
  mkdirSync(path.join(work, 'tree', 'data', 'sub'));
  execFileSync('tar', ['--format=ustar', '--owner=0', '--group=0', '--mtime=@0', '-cf', path.join(work, 'root.tar'), '-C', path.join(work, 'tree'), 'data']);
  image = new Uint8Array(readFileSync(path.join(work, 'root.tar')));
}, 180_000);

afterAll(() => rmSync(work, { recursive: true, force: true }));

async function runOnce() {
  const stdout = memorySink();
  const exported: MemoryFile = memorySink();
  const channels = [
    new Channel(memorySource(new Uint8Array(0)), { alias: '/dev/stdin', type: 0, limits }),
    new Channel(stdout, { alias: '/dev/stdout', type: 0, limits, etag: true }),
    new Channel(memorySink(), { alias: '/dev/stderr', type: 0, limits }),
    new Channel(exported, { alias: '/dev/export.tar', type: 0, limits, etag: true }),
    new Channel(memorySource(image), { alias: '/dev/image.tar', type: 1, limits }),
  ];
  const nvram = [
    '[args]',
    'args = tar-files first\\x2c-arg second',
    '[fstab]',
    'channel=/dev/image.tar, mountpoint=/, access=ro, removable=no',
    'channel=/dev/export.tar, mountpoint=/tmp, access=wo',
    '[time]',
    'seconds=1400000000',
    '',
  ].join('\n');
  const result = await new Session(nexe, channels, { nvram, seed: 7 }).run();
  return { result, stdout: new TextDecoder().decode(stdout.bytes()), exported: exported.bytes() };
}

describe('a C program over a tar-mounted root', () => {
  it('reads, lists, writes and exports, and sees the nvram clock and arguments', async () => {
    const { result, stdout, exported } = await runOnce();
    expect(result.ending, `${result.exitState}\n${stdout}`).toBe('exit');
    let fnv = 2166136261;
    for (const ch of new TextEncoder().encode(words)) fnv = Math.imul(fnv ^ ch, 16777619) >>> 0;
    const hex = fnv.toString(16).padStart(8, '0');
    expect(stdout).toBe(`words.txt: 4 lines, fnv ${hex}\n/data: . .. b.bin sub words.txt\nclock: 1400000000.000000 then +1 us\n`);
    expect(result.userCode).toBe(4);
    const members = readTar(exported).map((e) => e.path.replace(/^\.?\//, ''));
    expect(members).toContain('summary.txt');
    const summary = readTar(exported).find((e) => e.path.endsWith('summary.txt'))!;
    expect(new TextDecoder().decode(summary.data)).toBe(`lines=4 fnv=${hex} entries=5\narg 1: first,-arg\narg 2: second\n`);
    // GNU tar reads our export too.
    writeFileSync(path.join(work, 'export.tar'), exported);
    expect(execFileSync('tar', ['-tf', path.join(work, 'export.tar')], { encoding: 'utf8' })).toMatch(/summary\.txt/);
  }, 120_000);

  it('runs the same way through zvm exec --image (the tarball mounted at /)', () => {
    const zvm = path.join(import.meta.dirname, '..', '..', 'bin', 'zvm');
    const r = spawnSync(zvm, ['exec', '--image', path.join(work, 'root.tar'), path.join(work, 'tar-files.nexe'), 'one', 'two'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^words\.txt: 4 lines, fnv [0-9a-f]{8}\n\/data: \. \.\. b\.bin sub words\.txt\nclock: 0\.000000 then \+1 us\n$/);
    expect(r.status).toBe(4);
  }, 120_000);

  it('is identical run after run: outputs, report, etags, instruction counts', async () => {
    const a = await runOnce();
    const b = await runOnce();
    expect(a.result.ending).toBe('exit');
    expect(b.stdout).toBe(a.stdout);
    expect(Buffer.from(b.exported).equals(Buffer.from(a.exported))).toBe(true);
    expect(b.result.instructions).toBe(a.result.instructions);
    expect(b.result.report.etags ?? b.result.reportText.split('\n')[3]).toEqual(a.result.report.etags ?? a.result.reportText.split('\n')[3]);
  }, 120_000);
});
