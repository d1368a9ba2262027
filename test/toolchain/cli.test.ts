// zvm cc on the command line: exit statuses, gcc's errors passed through,
// sandboxing errors naming the C line, -c/-S and multi-file builds.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { buildNativeRunner, run, tempDir } from './helpers.ts';

const dir = tempDir('cli');
let runner = '';
beforeAll(() => {
  runner = buildNativeRunner(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

function source(name: string, text: string): string {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** Runs `zvm ...` in process; returns the exit status and what went to stderr. */
async function zvm(...args: string[]): Promise<{ status: number; stderr: string }> {
  let stderr = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  });
  const status = await main(args);
  vi.restoreAllMocks();
  return { status, stderr };
}

describe('zvm cc', () => {
  it('builds a program from several files', async () => {
    const a = source('a.c', '#include <stdio.h>\nint twice(int);\nint main(void) { printf("%d\\n", twice(21)); return 3; }\n');
    const b = source('b.c', 'int twice(int x) { return 2 * x; }\n');
    const out = path.join(dir, 'ab.nexe');
    expect(await zvm('cc', '-O2', a, b, '-o', out)).toEqual({ status: 0, stderr: '' });
    const r = run(runner, [out]);
    expect([r.stdout, r.status]).toEqual(['42\n', 3]);
  });

  it('links objects made with -c, and -S writes the sandboxed assembly', async () => {
    const b = source('b2.c', 'int twice(int x) { return 2 * x; }\n');
    const obj = path.join(dir, 'b2.o');
    expect((await zvm('cc', '-c', b, '-o', obj)).status).toBe(0);
    const asm = path.join(dir, 'b2.s');
    expect((await zvm('cc', '-S', b, '-o', asm)).status).toBe(0);
    expect(readFileSync(asm, 'utf8')).toMatch(/\.bundle_align_mode 5[\s\S]*\.p2align 5\ntwice:[\s\S]*jmp\t\*%r11/);
    const a = source('a2.c', 'int twice(int);\nint main(int argc, char **argv) { return twice(argc); }\n');
    const out = path.join(dir, 'a2.nexe');
    expect((await zvm('cc', a, obj, '-o', out)).status).toBe(0);
    expect(run(runner, [out, 'x', 'y']).status).toBe(6);
  });

  it("passes gcc's errors through with gcc's exit status", async () => {
    const bad = source('bad.c', 'int main(void) { return undeclared_thing; }\n');
    const out = path.join(dir, 'bad.nexe');
    const r = await zvm('cc', bad, '-o', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/bad\.c:1:\d+: error: .undeclared_thing. undeclared/);
    expect(r.stderr).not.toMatch(/zvm cc/); // gcc's own words, nothing added
    expect(existsSync(out)).toBe(false);
  });

  it('refuses code it cannot sandbox, naming the C line', async () => {
    const sys = source('sys.c', 'int main(void) {\n  int r;\n  __asm__ volatile("syscall" : "=a"(r));\n  return r;\n}\n');
    const r = await zvm('cc', '-O2', sys, '-o', path.join(dir, 'sys.nexe'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^zvm cc: \S*sys\.c:3: cannot sandbox 'syscall': system calls must go through the NaCl trampolines/);
    const tls = source('tls.c', '__thread int counter;\nint bump(void) {\n  return ++counter;\n}\n');
    const t = await zvm('cc', '-O2', '-c', tls, '-o', path.join(dir, 'tls.o'));
    expect(t.status).toBe(1);
    expect(t.stderr).toMatch(/tls\.c:3: cannot sandbox .*%fs.*segment override/);
  });

  it('reports what our validator rejects with the C source line, and leaves no output', async () => {
    // raw bytes pass through the sandboxing pass untouched (0f 05 is syscall)
    const raw = source('raw.c', 'int main(void) {\n  __asm__ volatile("nop\\n\\t.byte 0x0f, 0x05");\n  return 0;\n}\n');
    const out = path.join(dir, 'raw.nexe');
    const r = await zvm('cc', '-O2', raw, '-o', out);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^zvm cc: our NaCl validator rejected the output/);
    expect(r.stderr).toMatch(/0x2[0-9a-f]{4}: unrecognized instruction at \S*raw\.c:2 \(main\)/);
    expect(existsSync(out)).toBe(false);
  });

  it('reports usage errors and missing files with status 2', async () => {
    expect(await zvm('cc')).toEqual({ status: 2, stderr: 'zvm cc: no input files\n' });
    expect(await zvm('cc', '--frobnicate', 'x.c')).toEqual({ status: 2, stderr: "zvm cc: unknown option '--frobnicate'\n" });
    expect(await zvm('cc', 'notes.txt')).toEqual({ status: 2, stderr: "zvm cc: 'notes.txt': expected a .c, .s, .S, .o or .a file\n" });
    const missing = path.join(dir, 'missing.c');
    expect(await zvm('cc', missing)).toEqual({ status: 2, stderr: `zvm cc: ${missing}: no such file\n` });
  });
});
