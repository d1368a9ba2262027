// bin/zvm in an installed layout (a copy of bin/ and dist/ outside the checkout) whose decoder table
// file is damaged: one line naming the file and the fix, exit status 70, no dump of the bundle.
// dist/ is built by `npm ci` (the prepare script) or `npm run build`.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const hello = path.join(repoRoot, 'fixtures', 'hello-nacl.nexe');

describe('zvm launcher errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zvm-launcher-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports a damaged decoder table file in one line with status 70', () => {
    expect(existsSync(path.join(repoRoot, 'dist', 'zvm.cjs')), 'dist/ is missing: npm run build').toBe(true);
    for (const part of ['bin', 'dist', 'package.json']) cpSync(path.join(repoRoot, part), path.join(dir, part), { recursive: true });
    const zvm = path.join(dir, 'bin', 'zvm');
    const good = spawnSync(process.execPath, [zvm, 'exec', hello], { encoding: 'utf8' });
    expect([good.status, good.stdout]).toEqual([0, 'hello, world (nacl syscalls)\n']);
    const tables = path.join(dir, 'dist', 'decoder-tables.bin');
    writeFileSync(tables, readFileSync(tables).subarray(0, 1000));
    const r = spawnSync(process.execPath, [zvm, 'exec', hello], { encoding: 'utf8' });
    expect(r.status).toBe(70);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`zvm: internal error: ${tables}: not a zvm decoder table file (header past the end); ` +
      'rebuild it with: npm run build\n(ZVM_DEBUG=1 shows where)\n');
  });
});
