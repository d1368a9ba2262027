// The package entry points load and expose the pipeline (the core one is kept free of Node by tsconfig.core.json).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as core from '../../src/index.ts';
import * as node from '../../src/node/index.ts';

describe('entry points', () => {
  it('the core entry validates and runs a fixture with in-memory channels', async () => {
    const bytes = new Uint8Array(readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', 'hello-nacl.nexe')));
    const nexe = core.parseNexe(bytes);
    expect(core.validateNexeText(nexe.text.bytes).valid).toBe(true);
    const limits = { gets: 1e6, getSize: 1e6, puts: 1e6, putSize: 1e6 };
    const out = core.memorySink();
    const channels = [
      new core.Channel(core.memorySource(new Uint8Array(0)), { alias: '/dev/stdin', type: 0, limits }),
      new core.Channel(out, { alias: '/dev/stdout', type: 0, limits }),
      new core.Channel(core.memorySink(), { alias: '/dev/stderr', type: 0, limits }),
    ];
    const result = await new core.Session(bytes, channels).run();
    expect(result.ending).toBe('exit');
    expect(new TextDecoder().decode(out.bytes())).toBe('hello, world (nacl syscalls)\n');
  });

  it('the Node entry adds the CLI and the toolchain', () => {
    expect(typeof node.cliMain).toBe('function');
    expect(typeof node.buildNexe).toBe('function');
  });
});
