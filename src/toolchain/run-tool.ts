// Runs one external tool (gcc, as, ld, ar) and reports its failure clearly.
import { execFile, spawnSync } from 'node:child_process';

export class ToolError extends Error {
  constructor(message: string, readonly tool: string, readonly status: number, readonly stderr: string) {
    super(message);
  }
}

export interface ToolResult {
  status: number;
  stderr: string;
}

function describe(tool: string, args: readonly string[]): string {
  return [tool, ...args].join(' ');
}

/** Runs a tool synchronously; throws ToolError (with its stderr) unless it exits 0. */
export function runTool(tool: string, args: readonly string[], verbose = false): void {
  if (verbose) process.stderr.write(`+ ${describe(tool, args)}\n`);
  const r = spawnSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) {
    throw new ToolError(`cannot run '${tool}': ${r.error.message} (is it installed?)`, tool, 2, '');
  }
  if (r.status !== 0) {
    throw new ToolError(`${tool} failed (exit status ${r.status ?? 'signal'})`, tool, r.status ?? 1, r.stderr);
  }
}

/** The asynchronous twin of runTool, for compiling many files at once; resolves with the tool's stderr (warnings). */
export function runToolAsync(tool: string, args: readonly string[], verbose = false): Promise<string> {
  if (verbose) process.stderr.write(`+ ${describe(tool, args)}\n`);
  return new Promise((resolve, reject) => {
    execFile(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 }, (error, _stdout, stderr) => {
      if (!error) return resolve(stderr);
      const status = typeof error.code === 'number' ? error.code : 2;
      const msg = typeof error.code === 'string'
        ? `cannot run '${tool}': ${error.message} (is it installed?)`
        : `${tool} failed (exit status ${status})`;
      reject(new ToolError(msg, tool, status, stderr));
    });
  });
}
