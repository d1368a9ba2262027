// Every bench/programs/*.c built with zvm cc runs in a Session (interpreter + ZeroVM trap + ZRT) and
// prints byte for byte what its native gcc/glibc build prints, on small inputs.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { memChannels, text } from '../session/lib/channels.ts';
import { buildNative, buildZvm, programsDir, run, tempDir } from './helpers.ts';

const dir = tempDir('programs-session');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A deterministic text with words, blank runs and line breaks, for wc and sha256.
const sample = Array.from({ length: 3000 }, (_, i) => `w${(i * 7919) % 1000}${i % 9 === 0 ? '\n' : i % 5 === 0 ? '  \t' : ' '}`).join('');

const cases: { program: string; args: string[]; stdin?: string }[] = [
  { program: 'fib', args: ['18'] },
  { program: 'qsort', args: ['5000'] },
  { program: 'sha256', args: [], stdin: sample },
  { program: 'wc', args: [], stdin: sample },
  { program: 'nbody', args: ['50'] },
];

describe('bench programs in the interpreter', () => {
  for (const c of cases) {
    it(`${c.program} ${c.args.join(' ')} prints what the native build prints`, async () => {
      const src = path.join(programsDir, `${c.program}.c`);
      const native = path.join(dir, `${c.program}-native`);
      buildNative([src], native);
      const nexe = await buildZvm([src], path.join(dir, `${c.program}.nexe`));
      const expected = run(native, c.args, { input: c.stdin ?? '' });
      expect(expected.status).toBe(0);
      const ch = memChannels(new TextEncoder().encode(c.stdin ?? ''));
      const r = await new Session(nexe, ch.channels, { args: [c.program, ...c.args] }).run();
      expect(r.fault).toBeUndefined();
      expect(r.ending).toBe('exit');
      expect(text(ch.stdout.bytes())).toBe(expected.stdout);
      expect(r.userCode).toBe(expected.status);
    }, 120_000);
  }

  it('libc-selftest passes in the sandbox, its scratch file in the in-memory /tmp', async () => {
    const nexe = await buildZvm([path.join(programsDir, 'libc-selftest.c')], path.join(dir, 'libc-selftest.nexe'));
    const ch = memChannels();
    const r = await new Session(nexe, ch.channels, { args: ['libc-selftest', '/tmp/selftest.tmp'] }).run();
    expect(r.ending, text(ch.stdout.bytes()) + text(ch.stderr.bytes())).toBe('exit');
    expect(r.userCode, text(ch.stdout.bytes())).toBe(0);
  }, 120_000);
});
