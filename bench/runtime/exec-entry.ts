// Entry of the bench's esbuild bundle: `zvm exec` alone, to measure the runtime's own start-up
// without tsx's on-the-fly TypeScript compilation.
import { execCommand } from '../../src/cli/exec.ts';

process.exitCode = await execCommand.run(process.argv.slice(2));
