// zvm exec: run a nexe directly, its /dev/stdin, /dev/stdout and /dev/stderr on the terminal, with a
// manifest made on the fly; the exit status is the program's return code.
import { readFileSync } from 'node:fs';
import { ElfError } from '../elf/index.ts';
import type { SessionResult } from '../session/result.ts';
import type { Command } from './command.ts';
import { UsageError } from './usage-error.ts';

const HELP = `usage: zvm exec [options] NEXE [ARGS...]

Runs NEXE with the terminal as its standard channels (sequential, no quota to speak of),
Memory 4 GiB and no Timeout unless given. argv is NEXE ARGS...; options go before NEXE.
  -s              skip validation
  --timeout S     wall-clock limit in seconds
  --memory BYTES  the Memory budget (default 4294967296)
  --budget N      stop after N guest instructions
  --env NAME=VAL  add an environment variable (repeatable)
  --image TAR     mount the tarball TAR read-only at / (as the channel /dev/image)
  --report        print ZeroVM's report on stderr at the end
Exit status: the program's return code (low 8 bits); when it did not exit: 128 + signal after a
fault, 124 after the timeout or budget, 1 when validation failed, 2 for an unusable NEXE, 141
(quietly, as after SIGPIPE) when its output went to a pipe that was closed, 125 when the session
could not be set up or another host error ended it.`;

/** 128 + SIGPIPE: what a shell sees of a program that wrote to a closed pipe. */
const BROKEN_PIPE = 141;

function positive(name: string, v: string | undefined, integer = true): number {
  const form = integer ? /^\d+$/ : /^\d+(\.\d+)?$/;
  if (v === undefined || !form.test(v) || Number(v) <= 0) throw new UsageError(`${name} needs a positive ${integer ? 'integer' : 'number'}, got '${v ?? ''}'`);
  return Number(v);
}

export const execCommand: Command = {
  name: 'exec',
  summary: 'run a nexe on the terminal (stdin/stdout/stderr); exit status = its return code',
  async run(args) {
    let skip = false, report = false;
    let imageFile: string | undefined;
    let timeout: number | undefined, memory: number | undefined, budget: number | undefined;
    const env: string[] = [];
    let i = 0;
    for (; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--help' || a === '-h') {
        process.stdout.write(HELP + '\n');
        return 0;
      }
      if (!a.startsWith('-')) break;
      if (a === '--') { i++; break; }
      if (a === '-s') skip = true;
      else if (a === '--report') report = true;
      else if (a === '--timeout') timeout = positive(a, args[++i], false);
      else if (a === '--memory') memory = positive(a, args[++i]);
      else if (a === '--budget') budget = positive(a, args[++i]);
      else if (a === '--image') {
        imageFile = args[++i];
        if (imageFile === undefined) throw new UsageError('--image needs a tar file');
      }
      else if (a === '--env') {
        const v = args[++i];
        if (v === undefined || !/^[^=]+=/.test(v)) throw new UsageError(`--env needs NAME=VALUE, got '${v ?? ''}'`);
        env.push(v);
      } else throw new UsageError(`unknown option '${a}' (see zvm exec --help)`);
    }
    const file = args[i];
    if (file === undefined) throw new UsageError('expected a NEXE (see zvm exec --help)');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(readFileSync(file));
    } catch (e) {
      throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    let image: Uint8Array | undefined;
    if (imageFile !== undefined) {
      try {
        image = new Uint8Array(readFileSync(imageFile));
      } catch (e) {
        throw new UsageError(`cannot read image ${imageFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      }
    }
    // Loaded on use: every zvm command would otherwise pay for the whole runtime at start-up.
    const { execNexe, execStatus } = await import('../node/session/exec-nexe.ts');
    let result: SessionResult;
    try {
      result = await execNexe(bytes, {
        args: [file, ...args.slice(i + 1)], env, image, skipValidation: skip, timeoutSeconds: timeout, memory, instructionBudget: budget,
      });
    } catch (e) {
      if (e instanceof ElfError) {
        process.stderr.write(`zvm exec: ${file}: not a loadable nexe: ${e.message}\n`);
        return 2;
      }
      throw e;
    }
    // Its reader went away (`zvm exec prog | head`): quietly, as a program that SIGPIPE ends.
    if (result.ending === 'host-error' && (result.hostError as NodeJS.ErrnoException | undefined)?.code === 'EPIPE') return BROKEN_PIPE;
    if (result.ending === 'validation-failed') {
      const first = result.validationErrors[0];
      const where = first ? `: first error at 0x${(0x20000 + first.offset).toString(16)}: ${first.message} (zvm validate ${file} explains)` : '';
      process.stderr.write(`zvm exec: ${file}: validation failed${where}\n`);
    } else if (result.ending !== 'exit') {
      process.stderr.write(`zvm exec: ${file}: ${result.exitState}\n`);
    }
    if (report) process.stderr.write(result.reportText);
    return execStatus(result);
  },
};
