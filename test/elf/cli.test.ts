import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { typicalNexe, typicalPhdrs, buildElf } from './elf-writer.ts';

const dir = mkdtempSync(join(tmpdir(), 'zvm-elf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

/** Runs `zvm ...args` in-process, capturing what it writes. */
async function zvm(...args: string[]): Promise<{ status: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const { stdout, stderr } = process;
  const saved = [stdout.write, stderr.write];
  stdout.write = ((s: string) => ((out += s), true)) as typeof stdout.write;
  stderr.write = ((s: string) => ((err += s), true)) as typeof stderr.write;
  try {
    return { status: await main(args), out, err };
  } finally {
    [stdout.write, stderr.write] = saved as [typeof stdout.write, typeof stderr.write];
  }
}

describe('zvm elf', () => {
  it('shows headers and "loadable: yes" with status 0 for a valid nexe', async () => {
    const r = await zvm('elf', file('good.nexe', typicalNexe()));
    expect(r.status).toBe(0);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/OS\/ABI: +123 \(NaCl\)/);
    expect(r.out).toMatch(/Entry point: +0x20020/);
    expect(r.out).toMatch(/^ {2}1 +LOAD +0x[0-9a-f]+ +0x00020000 +0x000040 +0x000040 +R E 0x10000$/m);
    expect(r.out).toMatch(/^ {2}3 +LOAD .* RW {2}0x10000$/m);
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('loadable: yes');
  });

  it('says "loadable: no" naming field and value with status 1', async () => {
    const r = await zvm('elf', file('entry.nexe', typicalNexe({ entry: 0x30000 })));
    expect(r.status).toBe(1);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^loadable: no: e_entry = 0x30000: .*\(entry-outside-text\)$/);
    expect(r.out).toContain('Program headers:');
  });

  it('still gives the verdict when the header cannot be shown (big-endian)', async () => {
    const r = await zvm('elf', file('be.nexe', typicalNexe({ ident: { 5: 2 } })));
    expect(r.status).toBe(1);
    expect(r.out).toBe('loadable: no: e_ident[EI_DATA] = 0x2: not little-endian (ELFDATA2LSB) (bad-data-encoding)\n');
  });

  it.each([
    ['a text file', new TextEncoder().encode('hello\n'), /not an ELF file/],
    ['a truncated table', typicalNexe().subarray(0, 100), /e_phoff = 0x40: program header table/],
    ['an empty file', new Uint8Array(0), /file too short/],
  ])('gives one line and status 2 for %s', async (name, bytes, message) => {
    const r = await zvm('elf', file(`${name}.nexe`, bytes));
    expect(r.status).toBe(2);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(2); // one line plus its newline
    expect(r.err).toMatch(message);
  });

  it('gives status 2 for a missing file and for bad arguments', async () => {
    const missing = await zvm('elf', join(dir, 'missing.nexe'));
    expect([missing.status, /cannot read .*missing\.nexe/.test(missing.err)]).toEqual([2, true]);
    expect((await zvm('elf')).status).toBe(2);
    expect((await zvm('elf', '--bogus', 'x')).status).toBe(2);
    expect((await zvm('elf', 'a', 'b')).status).toBe(2);
  });

  it('explains itself with --help', async () => {
    const r = await zvm('elf', '--help');
    expect(r.status).toBe(0);
    expect(r.out).toMatch(/usage: zvm elf/);
    expect(r.out).toMatch(/--json/);
    expect((await zvm('--help')).out).toMatch(/^ {2}elf /m);
  });

  it('prints the parse as JSON with --json', async () => {
    const good = await zvm('elf', '--json', file('good.nexe', typicalNexe()));
    expect(good.status).toBe(0);
    const g = JSON.parse(good.out);
    expect(g).toMatchObject({ loadable: true, segments: { text: 1, rodata: 2, data: 3, tls: 4 }, header: { class: 64, osabi: 123, entry: 0x20020 } });
    expect(g.phdrs).toHaveLength(6);

    const phdrs = typicalPhdrs();
    phdrs[5] = { ...phdrs[5]!, align: 2n ** 64n - 1n };
    const bad = await zvm('elf', '--json', file('align.nexe', buildElf({ entry: 0x20000, phdrs })));
    expect(bad.status).toBe(1);
    const b = JSON.parse(bad.out);
    expect(b.loadable).toBe(false);
    expect(b.error).toMatchObject({ code: 'value-too-large', field: 'phdr[5].p_align', value: '0xffffffffffffffff', unreadable: false });
    expect(b.phdrs[5].align).toBe('0xffffffffffffffff');
  });
});
