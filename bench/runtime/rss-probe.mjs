// Preloaded into a measured process (node --import): at exit, writes the peak RSS in KiB to the
// file named by ZVM_BENCH_RSS_FILE. Plain JavaScript so that `node -e 0` can load it too.
import { writeFileSync } from 'node:fs';

const out = process.env.ZVM_BENCH_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
