// Every built fixture nexe must pass the loader rules (the invalid-* ones fail validation, not loading).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tryParseNexe } from '../../src/elf/index.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixturesDir = join(repoRoot, 'fixtures');

function nexesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries.flatMap((e) => (e.isDirectory() ? nexesUnder(join(dir, e.name)) : e.name.endsWith('.nexe') ? [join(dir, e.name)] : []));
}

const nexes = nexesUnder(fixturesDir).sort();

describe('fixture nexes', () => {
  it('exist (built by npm run fixtures)', () => {
    expect(nexes.length, `no *.nexe under ${fixturesDir}`).toBeGreaterThanOrEqual(1);
  });

  it.each(nexes.map((p) => [relative(repoRoot, p), p]))('%s is loadable', (_, path) => {
    const bytes = new Uint8Array(readFileSync(path));
    const result = tryParseNexe(bytes);
    if (!result.ok) throw new Error(`${path}: ${result.error.message} (${result.error.code})`);
    const n = result.nexe;
    expect(n.class).toBe(64);
    expect(n.text.vaddr).toBe(0x20000);
    expect(n.text.bytes.length).toBe(n.text.filesz);
    expect(n.entry).toBeGreaterThanOrEqual(0x20000);
    expect(n.entry).toBeLessThan(0x20000 + n.text.memsz);
  });
});
