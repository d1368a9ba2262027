// gcc options that make code the sandboxing pass can handle (design/toolchain.md §4).
export const SANDBOX_CFLAGS: readonly string[] = [
  '-mx32', '-maddress-mode=long', // ILP32 pointers, 64-bit address arithmetic (no 0x67 prefix)
  '-fno-pic', '-fno-pie',
  '-ffixed-r15', // the sandbox base
  '-ffixed-r11', // scratch for address and branch-target masking
  '-fno-omit-frame-pointer', // %rbp then only ever holds the frame pointer
  '-mno-red-zone',
  '-fno-jump-tables', // no indirect jumps to unaligned case labels
  '-fno-asynchronous-unwind-tables', '-fno-unwind-tables', '-fno-exceptions',
  '-fno-stack-protector', // would read the canary through %fs
  '-fcf-protection=none', // endbr64 is not in NaCl's instruction tables
  '-fno-common',
  '-g1', // .loc lines, so errors can name the C source line (debug info is stripped at link)
];

/**
 * Headers of our own libc, not the host's (they are for a different ABI); gcc's own headers (the
 * intrinsics) after them, for what our libc does not have.
 */
export function includeFlags(libcIncludeDir: string, compilerIncludeDir?: string): string[] {
  const flags = ['-nostdinc', '-isystem', libcIncludeDir];
  if (compilerIncludeDir !== undefined) flags.push('-idirafter', compilerIncludeDir);
  return flags;
}

/** Extra flags for building libc itself: no calls to itself from recognised loops. */
export const LIBC_CFLAGS: readonly string[] = [
  '-O2', '-ffreestanding', '-fno-builtin', '-fno-tree-loop-distribute-patterns', '-fno-math-errno',
  '-ffunction-sections', '-fdata-sections', // with ld --gc-sections, programs carry only what they use
  '-Wall', '-Wno-unused-function',
];
