// zvm disasm: listing format, bundle separators, (bad) bytes, exit statuses, and a differential
// check of instruction boundaries and mnemonics against objdump -d on the fixture nexes.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { disassemble, textSegment } from '../../src/cli/disasm.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const zvm = join(root, 'bin', 'zvm');

describe('disassemble()', () => {
  it('prints offset, bytes, two spaces and AT&T text; (bad) for undecodable bytes', () => {
    const code = Uint8Array.from([0x55, 0x48, 0x89, 0xe5, 0x06, 0xc3]);
    expect(disassemble(code, 0, false)).toEqual([
      '0: 55  push %rbp',
      '1: 48 89 e5  mov %rsp,%rbp',
      '4: 06  (bad)',
      '5: c3  ret',
    ]);
  });

  it('separates 32-byte bundles with a blank line and uses the base address', () => {
    const code = new Uint8Array(40).fill(0x90);
    const lines = disassemble(code, 0x20000, true);
    expect(lines.length).toBe(41);
    expect(lines[31]).toBe('2001f: 90  nop');
    expect(lines[32]).toBe('');
    expect(lines[33]).toBe('20020: 90  nop');
  });
});

describe('zvm disasm command', () => {
  it('--hex works and bad input exits 2 with a one-line message', () => {
    const ok = spawnSync(zvm, ['disasm', '--hex', 'e8 00 00 00 00 c3'], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
    expect(ok.stdout).toBe('0: e8 00 00 00 00  call 0x5\n5: c3  ret\n');
    const bad = spawnSync(zvm, ['disasm', '--hex', '0g'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    const missing = spawnSync(zvm, ['disasm', join(root, 'no-such.nexe')], { encoding: 'utf8' });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no-such\.nexe/);
  });

  it('agrees with objdump -d on instruction boundaries and mnemonics of every fixture nexe', () => {
    const dir = join(root, 'fixtures');
    const nexes = readdirSync(dir).filter((f) => f.endsWith('.nexe'));
    expect(nexes.length).toBeGreaterThan(3);
    let compared = 0;
    for (const f of nexes) {
      const file = join(dir, f);
      const theirs = new Map<number, string>();
      for (const line of execFileSync('objdump', ['-d', '-w', file], { encoding: 'utf8' }).split('\n')) {
        const m = /^\s+([0-9a-f]+):\t[0-9a-f ]+\t(.*)$/.exec(line);
        if (m) theirs.set(parseInt(m[1], 16), m[2]);
      }
      const { code, vaddr } = textSegment(file);
      const ours = new Map<number, string>();
      for (const line of disassemble(code, vaddr, true)) {
        const m = /^([0-9a-f]+): [0-9a-f ]+? {2}(.*)$/.exec(line);
        if (m) ours.set(parseInt(m[1], 16), m[2]);
      }
      expect([...ours.keys()]).toEqual([...theirs.keys()]);
      // First mnemonic word after objdump's prefix words (data16, cs, ...) and ignoring suffixes.
      const word = (s: string): string => s.replace(/^((data16|cs|ds|es|ss|rex\.\w+|addr32|notrack|bnd)\s+)+/, '').split(/[\s,]/)[0];
      for (const [addr, text] of theirs) {
        compared++;
        if (word(text) === '(bad)') continue;
        expect(`${addr.toString(16)}: ${word(ours.get(addr)!)}`).toBe(`${addr.toString(16)}: ${word(text)}`);
      }
    }
    expect(compared).toBeGreaterThan(100);
  });
});
