// Every fixture through `zvm run` with a generated manifest: valid programs give their expected
// stdout and return code and ZeroVM's report; invalid ones give the validation-failure report and
// zerovm's ENOEXEC. Determinism: two runs agree on output, etags and instruction counts.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { runManifest } from '../../src/node/session/run-manifest.ts';
import { Session } from '../../src/session/index.ts';
import { memChannels } from './lib/channels.ts';
import { fixturesDir } from './lib/build-asm.ts';
import { writeManifest, type ManifestFiles } from './lib/manifest.ts';

interface Expectation { stdout?: string; exit?: number; valid?: boolean }
const fixtures = readdirSync(path.join(fixturesDir, 'expected'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.slice(0, -5), spec: JSON.parse(readFileSync(path.join(fixturesDir, 'expected', f), 'utf8')) as Expectation }));
const valid = fixtures.filter((f) => f.spec.valid !== false && typeof f.spec.stdout === 'string');
const invalid = fixtures.filter((f) => f.spec.valid === false);
const sha1 = (b: Uint8Array | string): string => createHash('sha1').update(b).digest('hex');

const made: ManifestFiles[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const m of made.splice(0)) rmSync(m.dir, { recursive: true, force: true });
});

/** `zvm run ARGS... MANIFEST` in this process; returns the status and what it printed on stdout. */
async function zvmRun(name: string, flags: string[] = []): Promise<{ status: number; report: string[]; files: ManifestFiles }> {
  const files = writeManifest(path.join(fixturesDir, `${name}.nexe`));
  made.push(files);
  let printed = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const status = await main(['run', ...flags, files.manifest]);
  vi.restoreAllMocks();
  return { status, report: printed.split('\n'), files };
}

describe('valid fixtures through zvm run', () => {
  it('there are valid and invalid fixtures', () => {
    expect(valid.length).toBeGreaterThanOrEqual(5);
    expect(invalid.length).toBeGreaterThanOrEqual(7);
  });
  for (const { name, spec } of valid) {
    it(`${name}: stdout, return code, report`, async () => {
      const { status, report, files } = await zvmRun(name);
      const out = readFileSync(files.stdout);
      expect(out.toString('utf8')).toBe(spec.stdout);
      expect(status).toBe(0); // zerovm's status is not the program's return code
      expect(report.length).toBe(8); // 7 lines, each ending in \n
      expect(report[0]).toBe('0'); // validated
      expect(report[1]).toBe('0');
      expect(report[2]).toBe(String(spec.exit));
      expect(report[3]).toBe(`/dev/stdout ${sha1(out)}`);
      expect(report[4]).toMatch(new RegExp(`^\\d+\\.\\d\\d \\d+\\.\\d\\d 0 0 \\d+ ${out.length} 0 0 0 0$`));
      expect(report[5]).toBe('ok');
      expect(report[6]).toBe('');
    });
  }

  it('-s skips validation (validator state 2), -F validates without running', async () => {
    const skipped = await zvmRun('hello-trap', ['-s']);
    expect(skipped.report[0]).toBe('2');
    expect(readFileSync(skipped.files.stdout, 'utf8')).toBe('hello, world (zerovm trap)\n');
    const only = await zvmRun('hello-trap', ['-F']);
    expect(only.status).toBe(0);
    expect([only.report[0], only.report[5]]).toEqual(['0', 'ok']);
    expect(existsSync(only.files.stdout)).toBe(false); // nothing ran, nothing was mounted
  });
});

describe('invalid fixtures through zvm run', () => {
  for (const { name } of invalid) {
    it(`${name}: validation failure report, ENOEXEC`, async () => {
      const { status, report, files } = await zvmRun(name);
      expect(status).toBe(8);
      expect(report).toEqual(['1', '0', '0', 'disable', '0.00 0.00 0 0 0 0 0 0 0 0', 'validation failed', '', '']);
      // ZeroVM validates before it mounts channels: the output file is never created
      expect(existsSync(files.stdout)).toBe(false);
    });
  }
  it('-F on an invalid program: ENOEXEC too', async () => {
    const { status, report } = await zvmRun('invalid-r15-write', ['-F']);
    expect(status).toBe(8);
    expect(report[0]).toBe('1');
  });
});

describe('determinism', () => {
  it('slice boundaries anywhere (even inside fused pairs) change nothing the guest computes', async () => {
    for (const name of ['checksum', 'strings']) {
      const nexe = new Uint8Array(readFileSync(path.join(fixturesDir, `${name}.nexe`)));
      const outputs = [];
      for (const slice of [undefined, 7, 3, 1]) {
        const c = memChannels();
        const r = await new Session(nexe, c.channels, { sliceInstructions: slice }).run();
        outputs.push({ out: Array.from(c.stdout.bytes()), code: r.userCode, n: r.instructions, etags: r.report.etags });
      }
      for (const o of outputs.slice(1)) expect(o).toEqual(outputs[0]);
    }
  });

  it('two runs give identical output, etags (memory included) and instruction counts', async () => {
    const once = async () => {
      const files = writeManifest(path.join(fixturesDir, 'checksum.nexe'), { memoryEtag: true, memory: 32 << 20 });
      made.push(files);
      const r = await runManifest(files.manifest);
      return { out: readFileSync(files.stdout), etags: r.result!.report.etags, n: r.result!.instructions, code: r.result!.userCode };
    };
    const a = await once();
    const b = await once();
    expect(a.etags.map((t) => t.alias)).toEqual(['/dev/stdout', '/dev/memory']);
    expect(b).toEqual(a);
    expect(a.n).toBeGreaterThan(1000);
  });
});
