// Every valid fixture nexe runs to its expected stdout and exit code under the bare interpreter
// (the session's layout, the hello host instead of the runtime).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseNexe } from '../../src/elf/index.ts';
import { loadBareMachine } from '../../src/session/bare-machine.ts';
import { helloHost } from './hello-host.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const fixtures = path.join(root, 'fixtures');
const expectations = readdirSync(path.join(fixtures, 'expected'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => ({ name: f.replace(/\.json$/, ''), spec: JSON.parse(readFileSync(path.join(fixtures, 'expected', f), 'utf8')) }))
  .filter((x) => x.spec.valid !== false && typeof x.spec.stdout === 'string');

describe('fixtures run under the interpreter', () => {
  it('there are runnable fixtures', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(4);
  });
  it('the program decodes the whole text, up to the hlt padding of its last bundle', () => {
    const nexe = parseNexe(new Uint8Array(readFileSync(path.join(fixtures, 'checksum.nexe'))));
    const { machine, memory, textEnd } = loadBareMachine(nexe, helloHost().handler);
    expect(textEnd % 32).toBe(0);
    expect(machine.program.indexOf(nexe.entry)).toBeGreaterThanOrEqual(0);
    expect(memory.u8[textEnd - 1]).toBe(0xf4);
    expect(machine.program.indexOf(textEnd - 1)).toBeGreaterThanOrEqual(0);
  });
  for (const { name, spec } of expectations) {
    it(`${name}: stdout and exit code`, () => {
      const nexe = parseNexe(new Uint8Array(readFileSync(path.join(fixtures, `${name}.nexe`))));
      const host = helloHost();
      const { machine } = loadBareMachine(nexe, host.handler);
      const result = machine.run(50_000_000);
      expect(result).toEqual({ kind: 'exited', code: spec.exit });
      expect(new TextDecoder().decode(Uint8Array.from(host.stdout))).toBe(spec.stdout);
    });
  }
});
