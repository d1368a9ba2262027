// Runs `zvm run` on each manifest given, in one process (tsx), the way a shell would run zerovm on
// each. The process's own streams stay free for the manifests' /dev/stdin, /dev/stdout and
// /dev/stderr channels: the reports and one "STATUS <manifest> <exit status>" line per run go to
// the file named first.
import { appendFileSync } from 'node:fs';
import { main } from '../../../src/cli/main.ts';

const [out, ...manifests] = process.argv.slice(2);
process.stdout.write = ((chunk: string | Uint8Array): boolean => {
  appendFileSync(out!, chunk);
  return true;
}) as typeof process.stdout.write;
for (const file of manifests) {
  const status = await main(['run', file]);
  appendFileSync(out!, `STATUS ${file} ${status}\n`);
}
