// The repository's fixture nexes: each text segment's verdict and errors (offsets from the text
// start) must match fixtures/expected/NAME.json; fixtures without a "valid" field are runnable
// programs and must validate.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNexe } from '../../src/elf/index.ts';
import { validateNexeText } from '../../src/validator/index.ts';
import { errorKeys, repoRoot } from './shared-data.ts';

const dir = path.join(repoRoot, 'fixtures');
const names = existsSync(dir)
  ? readdirSync(dir).filter((f) => f.endsWith('.nexe') && existsSync(path.join(dir, 'expected', f.replace(/\.nexe$/, '.json'))))
  : [];

interface Expected {
  valid?: boolean;
  errors?: { offset: number; message: string }[];
}

describe('fixture nexes', () => {
  it('exist', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  it.each(names)('%s', (name) => {
    const nexe = parseNexe(readFileSync(path.join(dir, name)));
    const expected = JSON.parse(readFileSync(path.join(dir, 'expected', name.replace(/\.nexe$/, '.json')), 'utf8')) as Expected;
    const result = validateNexeText(nexe.text.bytes);
    const wantValid = expected.valid ?? true;
    expect(result.valid, JSON.stringify(result.errors)).toBe(wantValid);
    if (expected.errors) expect(errorKeys(result.errors)).toEqual(errorKeys(expected.errors));
  });
});
