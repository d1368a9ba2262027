// zvm cc as a library: C and assembly sources to a validated NaCl nexe.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { nexeProblems, sourceLines } from './check-nexe.ts';
import { compileToObject, sandboxedAssembly } from './compile.ts';
import { buildLibc } from './libc-build.ts';
import { linkNexe } from './link.ts';

export interface BuildRequest {
  /** .c, .s, .S sources and .o/.a files made by zvm cc */
  inputs: readonly string[];
  output: string;
  /** gcc flags from the user (-O2, -D, -I, -W...) */
  cflags: readonly string[];
  /** 'link' (default): a nexe; 'object': one sandboxed .o; 'assembly': the sandboxed .s */
  stopAfter?: 'link' | 'object' | 'assembly';
  /** leave out our libc (the program brings its own _start) */
  noLibc?: boolean;
  verbose?: boolean;
  /** false: skip our validator (for debugging the toolchain itself) */
  validate?: boolean;
  onDiagnostics?: (text: string) => void;
}

/** The validator rejected the output: a toolchain bug, reported with source lines. */
export class ToolchainBug extends Error {}

export async function buildNexe(req: BuildRequest): Promise<void> {
  for (const input of req.inputs) {
    if (!existsSync(input)) throw new Error(`${input}: no such file`);
  }
  const work = mkdtempSync(path.join(tmpdir(), 'zvm-cc-'));
  try {
    const opts = { cflags: req.cflags, workDir: work, verbose: req.verbose, onDiagnostics: req.onDiagnostics };
    if (req.stopAfter === 'assembly') {
      writeFileSync(req.output, await sandboxedAssembly(req.inputs[0]!, opts, 'out'));
      return;
    }
    if (req.stopAfter === 'object') {
      await compileToObject(req.inputs[0]!, req.output, opts);
      return;
    }
    const objects: string[] = [];
    for (const [i, input] of req.inputs.entries()) {
      if (/\.(o|a)$/.test(input)) {
        objects.push(input);
        continue;
      }
      const obj = path.join(work, `${i}-${path.basename(input).replace(/\.[^.]*$/, '')}.o`);
      await compileToObject(input, obj, opts);
      objects.push(obj);
    }
    if (!req.noLibc) objects.push(await buildLibc(req.verbose));
    const image = linkNexe(objects, req.output, { verbose: req.verbose });
    const problems = req.validate === false ? [] : nexeProblems(image);
    if (problems.length > 0) {
      const debugElf = path.join(work, 'debug.elf');
      linkNexe(objects, debugElf, { keepDebug: true });
      const where = sourceLines(debugElf, problems.map((p) => p.address));
      rmSync(req.output, { force: true });
      throw new ToolchainBug(
        'our NaCl validator rejected the output; unless the source emits raw instruction bytes, ' +
        'this is a zvm cc bug (please report it):\n' +
        problems.slice(0, 20).map((p, i) => `  0x${p.address.toString(16)}: ${p.message} at ${where[i]}`).join('\n'));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
