// bench/programs/nbody.c (doubles, sqrt, printf %f) built with zvm cc and run by a Session in the
// interpreter prints exactly what the native gcc/glibc build prints.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { Session } from '../../src/session/index.ts';
import { memChannels, text } from '../session/lib/channels.ts';
import { buildNative, buildZvm, programsDir, run, tempDir } from '../toolchain/helpers.ts';

const dir = tempDir('cpu-nbody');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('nbody in the interpreter', () => {
  it('prints what the native build prints', async () => {
    const src = path.join(programsDir, 'nbody.c');
    buildNative([src], path.join(dir, 'nbody-native'));
    const nexe = await buildZvm([src], path.join(dir, 'nbody.nexe'));
    for (const steps of ['1', '3000']) {
      const native = run(path.join(dir, 'nbody-native'), [steps]);
      expect(native.status).toBe(0);
      const c = memChannels();
      const r = await new Session(nexe, c.channels, { args: ['nbody', steps] }).run();
      expect(r.fault).toBeUndefined();
      expect(text(c.stdout.bytes())).toBe(native.stdout);
      expect(native.stdout).toMatch(/^-0\.\d{9}\n-0\.\d{9}\n$/);
    }
  }, 60_000);
});
