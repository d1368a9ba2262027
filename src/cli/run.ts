// zvm run: `zerovm MANIFEST` — run a session from a ZeroVM manifest, print ZeroVM's report, exit
// with zerovm's status (the errno of the first fatal error; 0 even when the program's own return
// code, line 3 of the report, is not).
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm run [-s] [-F] [-t0|1|2] [-v0..3] [-P] [-Q] [--budget N] MANIFEST
       (also zerovm's obsolete form: zvm run -MMANIFEST; switches bundle as zerovm's getopt
        takes them: -sF, -st1, -t 1)

Runs the program a ZeroVM manifest (format 20130611) names, with its channels, Memory and
Timeout, and prints ZeroVM's 7-line report: validator state, daemon state, user return code,
etags, accounting, exit state, an empty line.
  -s          skip validation (validator state 2)
  -F          validate only: load and validate, then stop without running
  -t0, -t2    report on stdout (default); -t1 sends it to stderr (no syslog here)
  -v0..3      -v1 and up also explain a refusal or a failed validation on stderr
  -P, -Q      accepted; write channels are never preallocated, there is no platform check
  --budget N  stop after N guest instructions (deterministic; exit state "instruction budget exhausted")
Exit status: 0 ok; else the first fatal error's errno: 2 ENOENT, 4 EINTR (signal, timeout,
budget), 5 EIO, 8 ENOEXEC (validation failed), 12 ENOMEM, 14 EFAULT, 22 EINVAL, 93 EPROTONOSUPPORT.`;

interface RunArgs {
  manifest: string;
  skip: boolean;
  validateOnly: boolean;
  reportTo: 'stdout' | 'stderr';
  verbosity: number;
  budget?: number;
}

function parseArgs(args: string[]): RunArgs | 'help' {
  const out: Partial<RunArgs> & { skip: boolean; validateOnly: boolean; reportTo: 'stdout' | 'stderr'; verbosity: number } = {
    skip: false, validateOnly: false, reportTo: 'stdout', verbosity: 0,
  };
  const setManifest = (m: string): void => {
    if (out.manifest !== undefined) throw new UsageError(`more than one manifest: '${out.manifest}' and '${m}'`);
    if (m === '') throw new UsageError('empty manifest name');
    out.manifest = m;
  };
  // zerovm reads its switches with getopt: flags bundle (-sF), and -t, -v, -T and -M take the rest
  // of their word or the next one (-t1, -t 1, -st1).
  const valued = (v: string | undefined, name: string): string => {
    if (v === undefined || v === '') throw new UsageError(`-${name} needs a value`);
    return v;
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--budget') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--budget needs a positive instruction count, got '${v ?? ''}'`);
      out.budget = Number(v);
      continue;
    }
    if (a === '--') {
      for (const m of args.slice(i + 1)) setManifest(m);
      break;
    }
    if (!a.startsWith('-') || a === '-') {
      setManifest(a);
      continue;
    }
    for (let k = 1; k < a.length; k++) {
      const c = a[k]!;
      if (c === 's') out.skip = true;
      else if (c === 'F') out.validateOnly = true;
      else if (c === 'P' || c === 'Q') continue;
      else if (c === 't' || c === 'v' || c === 'T' || c === 'M') {
        const v = valued(k + 1 < a.length ? a.slice(k + 1) : args[++i], c);
        if (c === 'M') setManifest(v);
        else if (c === 'T') throw new UsageError('-T (trap trace) is not supported');
        else if (!/^\d$/.test(v)) throw new UsageError(`-${c} needs a digit, got '${v}'`);
        else if (c === 'v') out.verbosity = Number(v);
        else if (v === '3') throw new UsageError('-t3 (report to the Job socket) is not supported');
        else if (Number(v) > 3) throw new UsageError(`unknown report mode '-t${v}' (0..3)`);
        else out.reportTo = v === '1' ? 'stderr' : 'stdout';
        break;
      } else throw new UsageError(`unknown option '-${c}' in '${a}' (see zvm run --help)`);
    }
  }
  if (out.manifest === undefined) throw new UsageError('expected a MANIFEST (see zvm run --help)');
  return out as RunArgs;
}

export const runCommand: Command = {
  name: 'run',
  summary: 'run a ZeroVM manifest like zerovm MANIFEST: report on stdout, zerovm\'s exit status',
  async run(args) {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    // Loaded on use: every zvm command would otherwise pay for the whole runtime at start-up.
    const { runManifest } = await import('../node/session/run-manifest.ts');
    const run = await runManifest(parsed.manifest, { skipValidation: parsed.skip, validateOnly: parsed.validateOnly, instructionBudget: parsed.budget });
    if (run.message !== undefined) process.stderr.write(`zvm run: ${run.message}\n`);
    const errors = run.result?.validationErrors ?? [];
    if (parsed.verbosity > 0 && errors.length > 0) {
      for (const e of errors) process.stderr.write(`zvm run: validator: 0x${(0x20000 + e.offset).toString(16)}: ${e.message}\n`);
    }
    (parsed.reportTo === 'stdout' ? process.stdout : process.stderr).write(run.reportText);
    return run.status;
  },
};
