// gcc's own header directory (immintrin.h and the other intrinsics, cpuid.h, stdatomic.h, iso646.h...).
// `-nostdinc` drops it along with the host libc's headers; it is put back after ours (-idirafter),
// so our libc's headers always win and only what our libc lacks comes from gcc.
import { spawnSync } from 'node:child_process';
import { isAbsolute } from 'node:path';

let cached: string | null | undefined;

/** The directory `gcc -print-file-name=include` names, or undefined when gcc does not say. */
export function compilerIncludeDir(): string | undefined {
  if (cached === undefined) {
    const r = spawnSync('gcc', ['-print-file-name=include'], { encoding: 'utf8' });
    const dir = r.status === 0 ? r.stdout.trim() : '';
    // gcc prints the bare name back when it has no such file
    cached = isAbsolute(dir) ? dir : null;
  }
  return cached ?? undefined;
}
