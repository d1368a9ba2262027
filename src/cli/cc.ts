// zvm cc: compile C for NaCl x86-64 (gcc -mx32, the sandboxing pass, our libc,
// the NaCl link layout) and check the result with our validator.
import path from 'node:path';
import { buildNexe, ToolchainBug } from '../toolchain/build-nexe.ts';
import { ToolError } from '../toolchain/run-tool.ts';
import { SandboxError } from '../toolchain/sandbox-error.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm cc [-O2] [-c|-S] [-Dname[=v]] [-Idir] [-Wwarn] [-std=..] [-msse4.2|-march=x86-64-v2] [-nolibc] [-no-validate] [-v] file.c... [-o out.nexe]
Sources: .c (C), .s (x32 assembly, sandboxed like gcc output), .S (preprocessed first), .o/.a from zvm cc -c.
Exit status: 0 built; gcc's own status when gcc fails; 1 when code cannot be sandboxed; 2 bad usage.`;

/** gcc flags passed through unchanged. */
const PASS_THROUGH = /^-(O[0-3sgz]?|D.+|U.+|I.+|W.*|w|std=.+|f[a-z].*|g\d?|ggdb\d?|ansi|pedantic(-errors)?)$/;
/**
 * -m options that only choose instruction-set extensions, limited to those zvm's interpreter runs
 * (src/cpu/cpuid.ts: up to SSE4.2, popcnt, lzcnt, movbe); ABI and code-model options (-m32,
 * -mcmodel, -mred-zone...) stay the sandbox's.
 */
const ISA_OPTION = /^-m(?:(?:sse[23]?|ssse3|sse4(?:\.[12])?|popcnt|lzcnt|abm|movbe|crc32|fpmath=sse)|no-[\w.]+|tune=[\w.-]+|arch=x86-64(?:-v2)?)$/;
/** Extensions NaCl allows but the interpreter does not implement (the nexe would not run). */
const UNRUN_ISA_OPTION = /^-m(?:avx|fma|f16c|bmi|aes|pclmul|sse4a|arch=)/;

interface CcArgs {
  inputs: string[];
  output: string | undefined;
  cflags: string[];
  stopAfter: 'link' | 'object' | 'assembly';
  noLibc: boolean;
  verbose: boolean;
  validate: boolean;
}

export function parseCcArgs(args: readonly string[]): CcArgs | 'help' {
  const a: CcArgs = { inputs: [], output: undefined, cflags: [], stopAfter: 'link', noLibc: false, verbose: false, validate: true };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    if (arg === '--help' || arg === '-h') return 'help';
    else if (arg === '-o') a.output = value();
    else if (arg === '-c') a.stopAfter = 'object';
    else if (arg === '-S') a.stopAfter = 'assembly';
    else if (arg === '-nolibc' || arg === '-nostdlib') a.noLibc = true;
    else if (arg === '-v') a.verbose = true;
    else if (arg === '-no-validate') a.validate = false;
    else if (arg === '-I' || arg === '-D' || arg === '-U') a.cflags.push(arg, value());
    else if (arg === '-lm' || arg === '-lc') continue; // all of it is in our libc
    else if (arg === '-static' || arg === '-no-pie' || arg === '-pipe' || arg === '-s') continue; // what every nexe is anyway
    else if (PASS_THROUGH.test(arg) || ISA_OPTION.test(arg)) a.cflags.push(arg);
    else if (UNRUN_ISA_OPTION.test(arg)) throw new UsageError(`'${arg}': zvm runs x86-64 up to SSE4.2 (with popcnt, lzcnt, movbe); use -msse4.2 or -march=x86-64-v2 at most`);
    else if (arg.startsWith('-')) throw new UsageError(`unknown option '${arg}'`);
    else if (/\.(c|s|S|o|a)$/.test(arg)) a.inputs.push(arg);
    else throw new UsageError(`'${arg}': expected a .c, .s, .S, .o or .a file`);
  }
  if (a.inputs.length === 0) throw new UsageError('no input files');
  if (a.stopAfter !== 'link') {
    if (a.inputs.length !== 1) throw new UsageError(`${a.stopAfter === 'object' ? '-c' : '-S'} takes exactly one source file`);
    if (/\.(o|a)$/.test(a.inputs[0]!)) throw new UsageError(`'${a.inputs[0]}' is not a source file`);
  }
  return a;
}

function defaultOutput(a: CcArgs): string {
  if (a.stopAfter === 'link') return 'a.nexe';
  const stem = path.basename(a.inputs[0]!).replace(/\.[^.]*$/, '');
  return `${stem}${a.stopAfter === 'object' ? '.o' : '.nacl.s'}`;
}

export const ccCommand: Command = {
  name: 'cc',
  summary: 'compile C to a validated NaCl x86-64 nexe (gcc -mx32 + sandboxing pass + our libc)',
  async run(args) {
    const parsed = parseCcArgs(args);
    if (parsed === 'help') {
      process.stdout.write(`${HELP}\n`);
      return 0;
    }
    try {
      await buildNexe({
        inputs: parsed.inputs,
        output: parsed.output ?? defaultOutput(parsed),
        cflags: parsed.cflags,
        stopAfter: parsed.stopAfter,
        noLibc: parsed.noLibc,
        verbose: parsed.verbose,
        validate: parsed.validate,
        onDiagnostics: (t) => process.stderr.write(t),
      });
      return 0;
    } catch (e) {
      if (e instanceof ToolError) {
        // gcc/as/ld speak for themselves; gcc's exit status is passed on
        process.stderr.write(e.stderr);
        if (e.tool !== 'gcc' || e.stderr === '') process.stderr.write(`zvm cc: ${e.message}\n`);
        return e.tool === 'gcc' ? e.status : e.status === 2 ? 2 : 1;
      }
      if (e instanceof SandboxError || e instanceof ToolchainBug) {
        process.stderr.write(`zvm cc: ${e.message}\n`);
        return 1;
      }
      if (e instanceof Error && /no such file/.test(e.message)) {
        process.stderr.write(`zvm cc: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
  },
};
