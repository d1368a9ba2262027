// The interpreter's dispatch switches use number literals as case labels (a jump table), each with
// its kind's name in a comment: every label must be the number that name has in K, and every K
// name used there must exist.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { K } from '../../src/cpu/kinds.ts';

const source = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cpu/machine.ts'), 'utf8');

describe('dispatch case labels', () => {
  it('are literals that equal the K value named in their comment', () => {
    const labels = [...source.matchAll(/case (\d+) \/\* K\.(\w+) \*\/:/g)].map((m) => [m[2], Number(m[1])]);
    expect(labels.length).toBeGreaterThan(100);
    const kinds = K as Record<string, number>;
    expect(labels.filter(([name, n]) => kinds[name as string] !== n)).toEqual([]);
  });
  it('are never written as K names', () => {
    expect(source.match(/case K\.\w+:/g) ?? []).toEqual([]);
  });
});
