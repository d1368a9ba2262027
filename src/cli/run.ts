// zvm run: `zerovm MANIFEST` — run a session from a ZeroVM manifest, print ZeroVM's report, exit
// with zerovm's status (the errno of the first fatal error; 0 even when the program's own return
// code, line 3 of the report, is not).
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm run [-s] [-F] [-t0|1|2] [-v0..3] [-P] [-Q] [--budget N] MANIFEST
       (also zerovm's obsolete form: zvm run -MMANIFEST)

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
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') return 'help';
    if (a === '--budget') {
      const v = args[++i];
      if (v === undefined || !/^\d+$/.test(v) || Number(v) < 1) throw new UsageError(`--budget needs a positive instruction count, got '${v ?? ''}'`);
      out.budget = Number(v);
    } else if (a.startsWith('-M')) setManifest(a.slice(2));
    else if (/^-t\d$/.test(a)) {
      const t = Number(a[2]);
      if (t === 3) throw new UsageError('-t3 (report to the Job socket) is not supported');
      if (t > 3) throw new UsageError(`unknown report mode '${a}' (0..3)`);
      out.reportTo = t === 1 ? 'stderr' : 'stdout';
    } else if (/^-v\d$/.test(a)) out.verbosity = Number(a[2]);
    else if (a === '-T') throw new UsageError('-T (trap trace) is not supported');
    else if (/^-[sFPQ]+$/.test(a)) {
      // zerovm takes bundled switches: -sF
      if (a.includes('s')) out.skip = true;
      if (a.includes('F')) out.validateOnly = true;
    } else if (a.startsWith('-') && a !== '-') throw new UsageError(`unknown option '${a}' (see zvm run --help)`);
    else setManifest(a);
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
