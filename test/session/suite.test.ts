// ZeroVM's manifest conformance suite through `zvm run`: each case gives the exit status in its name.
// The cases run in one child process whose standard streams are /dev/null and pipes, as a shell would
// give them (the suite maps the host's /dev/stdin, /dev/stdout and /dev/stderr as channels).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceKind } from '../../src/node/channels/host-probe.ts';
import { buildAsmFile, repoRoot } from './lib/build-asm.ts';

const tsxLoader = pathToFileURL(path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const suiteDir = path.resolve(repoRoot, '..', 'shared', 'zerovm', 'manifest-suite');
const haveSuite = existsSync(suiteDir);
if (!haveSuite) console.log(`zvm run manifest suite skipped: ${suiteDir} is absent (../shared not present)`);

describe.skipIf(!haveSuite)('zerovm manifest suite through zvm run', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'zvm-suite-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const files = haveSuite ? readdirSync(suiteDir).filter((f) => f.endsWith('.manifest')).sort() : [];

  it('every case gives its exit status', () => {
    expect(files.length).toBe(30);
    // The manifests name dummy.nexe and themselves relative to the working directory.
    for (const f of files) symlinkSync(path.join(suiteDir, f), path.join(work, f));
    writeFileSync(path.join(work, 'dummy.nexe'), buildAsmFile('exit0'));
    // The original runs had a terminal on the standard streams: character devices here too (/dev/null).
    const results = path.join(work, 'results.txt');
    const r = spawnSync(process.execPath, ['--import', tsxLoader, path.join(repoRoot, 'test', 'session', 'lib', 'run-many.ts'), results, ...files], {
      cwd: work, stdio: 'ignore', timeout: 120_000,
    });
    expect(r.status).toBe(0);
    const text = readFileSync(results, 'utf8');
    const got = new Map<string, number>();
    for (const m of text.matchAll(/^STATUS (\S+) (\d+)$/gm)) got.set(m[1]!, Number(m[2]));
    const want = new Map<string, number>();
    for (const f of files) {
      const named = Number(/\.(\d+)\.manifest$/.exec(f)![1]);
      // /dev/log is a socket where syslog runs; elsewhere the missing read-only source gives EFAULT.
      want.set(f, f.startsWith('invalid_channel_source_type.') && sourceKind('/dev/log') !== 'socket' ? 14 : named);
    }
    expect(Object.fromEntries(got)).toEqual(Object.fromEntries(want));
    // every run printed a 7-line report
    const reports = text.split(/^STATUS .*\n/m).slice(0, -1);
    expect(reports.length).toBe(files.length);
    // good.0 really ran: validated, loaded, exited with "ok"
    const good = reports[files.indexOf('good.0.manifest')]!.split('\n');
    expect([good[0], good[2], good[5]]).toEqual(['0', '0', 'ok']);
    for (const rep of reports) expect(rep).toMatch(/^[012]\n0\n-?\d+\n.*\n\d+\.\d\d \d+\.\d\d( \d+){8}\n.*\n\n$/);
  });
});
