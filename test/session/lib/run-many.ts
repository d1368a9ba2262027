// Runs `zvm run` on each manifest given, in one process (tsx), the way a shell would run zerovm on
// each: reports go to stdout, and one line "STATUS <manifest> <exit status>" per run to stderr.
import { main } from '../../../src/cli/main.ts';

for (const file of process.argv.slice(2)) {
  const status = await main(['run', file]);
  process.stderr.write(`STATUS ${file} ${status}\n`);
}
