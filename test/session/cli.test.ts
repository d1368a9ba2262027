// bin/zvm run and bin/zvm exec as processes: stdio wiring, exit statuses, one-line refusals.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildAsmFile, fixturesDir, repoRoot } from './lib/build-asm.ts';
import { writeManifest } from './lib/manifest.ts';

const zvm = path.join(repoRoot, 'bin', 'zvm');
const work = mkdtempSync(path.join(tmpdir(), 'zvm-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const run = (args: string[], input?: string) => spawnSync(process.execPath, [zvm, ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('zvm exec', () => {
  it('the program\'s stdout and return code', () => {
    const r = run(['exec', path.join(fixturesDir, 'checksum.nexe')]);
    expect(r.stdout).toBe('adler32 = 8f981361\n');
    expect(r.status).toBe(97);
  });

  it('stdin comes from the process\'s stdin', () => {
    const cat = path.join(work, 'cat.nexe');
    writeFileSync(cat, buildAsmFile('cat-nacl'));
    const r = run(['exec', cat], 'piped bytes\n');
    expect(r.stdout).toBe('piped bytes\n');
    expect(r.status).toBe(12); // cat-nacl returns the byte count
  });

  it('a reader that goes away (zvm exec prog | head): status 141 as after SIGPIPE, nothing on stderr', async () => {
    const cat = path.join(work, 'cat-pipe.nexe');
    writeFileSync(cat, buildAsmFile('cat-nacl'));
    const child = spawn(process.execPath, [zvm, 'exec', cat], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.destroy(); // the reader is gone before the first write
    child.stdin.on('error', () => {}); // zvm may be gone before all of stdin is written
    child.stdin.end(new Uint8Array(1 << 20).fill(0x61));
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    expect(stderr).toBe('');
    expect(status).toBe(141);
  });

  it('--timeout ends a program waiting for input that never comes (stdin left open)', async () => {
    const cat = path.join(work, 'cat-wait.nexe');
    writeFileSync(cat, buildAsmFile('cat-nacl'));
    const child = spawn(process.execPath, [zvm, 'exec', '--timeout', '1', cat], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const status = await new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.destroy();
    expect(status).toBe(124);
    expect(stderr).toContain('session timeout');
  });
});

/** `zvm ARGS...` in this process: the status and what went to stderr. */
async function inProcess(args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk);
    return true;
  });
  try {
    return { status: await main(args), stderr };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('refusals (in process)', () => {
  it('exec, an invalid program: one line naming the first error, status 1', async () => {
    const bad = await inProcess(['exec', path.join(fixturesDir, 'invalid-bad-base.nexe')]);
    expect(bad.status).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('0x20005: improper memory address - bad base');
  });

  it('exec, a missing file or a file that is not an ELF: status 2, one line', async () => {
    const missing = await inProcess(['exec', path.join(work, 'nope.nexe')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^zvm exec: cannot read .*nope\.nexe: ENOENT\n$/);
    const text = await inProcess(['exec', path.join(fixturesDir, 'README.md')]);
    expect(text.status).toBe(2);
    expect(text.stderr).toMatch(/^zvm exec: .*README\.md: not a loadable nexe: .+\n$/);
  });

  it('run, a missing manifest: ENOENT with a one-line message', async () => {
    const r = await inProcess(['run', path.join(work, 'missing.manifest')]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('manifest open error');
  });
});

describe('zvm run', () => {
  it('takes its switches as zerovm\'s getopt does: bundled, with values attached or in the next word', async () => {
    const m = writeManifest(path.join(fixturesDir, 'strings.nexe'));
    const lines = (r: { stdout: string }) => r.stdout.split('\n');
    // -F: validated, not run (user return code 0); -t1: the report on stderr instead of stdout
    for (const args of [['-sF', '-t', '1'], ['-Fst1'], ['-PQ', '-F', '-t1', '-v', '0']]) {
      const r = run(['run', ...args, m.manifest]);
      expect(r.status, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toBe('');
      expect(r.stderr.split('\n').slice(0, 3), args.join(' ')).toEqual([args.join('').includes('s') ? '2' : '0', '0', '0']);
    }
    expect(lines(run(['run', '-M', m.manifest])).slice(0, 3)).toEqual(['0', '0', '24']);
    for (const [args, message] of [
      [['-sx', m.manifest], "unknown option '-x' in '-sx'"],
      [[m.manifest, '-t'], '-t needs a value'],
      [['-tq', m.manifest], "-t needs a digit, got 'q'"],
      [['-t', m.manifest], "-t needs a digit, got '"], // the next word is -t's value, as with getopt
    ] as const) {
      const r = await inProcess(['run', ...args]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(message);
    }
    rmSync(m.dir, { recursive: true, force: true });
  });

  it('prints the report on stdout and exits 0 even when the program returns non-zero', () => {
    const m = writeManifest(path.join(fixturesDir, 'strings.nexe'));
    const r = run(['run', m.manifest]);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['0', '0', '24']);
    rmSync(m.dir, { recursive: true, force: true });
  });
});
