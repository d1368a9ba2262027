// One source file to one sandboxed object: gcc -S (or the .s as written), the
// sandboxing pass, then `as --64` in bundle mode.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compilerIncludeDir } from './compiler-headers.ts';
import { includeFlags, SANDBOX_CFLAGS } from './gcc-flags.ts';
import { libcIncludeDir } from './paths.ts';
import { runToolAsync } from './run-tool.ts';
import { sandboxAssembly } from './sandbox-asm.ts';

export interface CompileOptions {
  /** user flags for gcc (-O2, -D..., -I...) */
  cflags: readonly string[];
  /** where intermediate files go */
  workDir: string;
  verbose?: boolean;
  /** called with gcc's warnings */
  onDiagnostics?: (text: string) => void;
}

export const SOURCE_EXTENSIONS = ['.c', '.s', '.S'] as const;

/** gcc's assembly for a source (a .s is taken as written: unsandboxed x32 code). */
async function gccAssembly(source: string, out: string, options: CompileOptions): Promise<string> {
  const ext = path.extname(source);
  if (ext === '.s') return readFileSync(source, 'utf8');
  const mode = ext === '.S' ? ['-E', '-P'] : ['-S'];
  const args = [...SANDBOX_CFLAGS, ...includeFlags(libcIncludeDir, compilerIncludeDir()), ...options.cflags, ...mode, '-o', out, source];
  const warnings = await runToolAsync('gcc', args, options.verbose);
  if (warnings) options.onDiagnostics?.(warnings);
  return readFileSync(out, 'utf8');
}

/** The sandboxed assembly for one source file. */
export async function sandboxedAssembly(source: string, options: CompileOptions, stem: string): Promise<string> {
  const raw = await gccAssembly(source, path.join(options.workDir, `${stem}.gcc.s`), options);
  return sandboxAssembly(raw, { sourceName: path.basename(source) });
}

/** Compiles one source file into a sandboxed ELF64 object at `objPath`. */
export async function compileToObject(source: string, objPath: string, options: CompileOptions): Promise<void> {
  const stem = path.basename(objPath, '.o');
  const sandboxed = await sandboxedAssembly(source, options, stem);
  const asmPath = path.join(options.workDir, `${stem}.nacl.s`);
  writeFileSync(asmPath, sandboxed);
  await runToolAsync('as', ['--64', '--noexecstack', '-o', objPath, asmPath], options.verbose);
}
