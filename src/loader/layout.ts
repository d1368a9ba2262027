// The sandbox layout (ZeroVM's, in sandbox coordinates): null guard, trampolines, text at 0x20000,
// rodata, data+bss and heap, the user-manifest page, and the stack at the top of the 4 GiB.
export const TRAMPOLINE_START = 0x10000;
export const TEXT_START = 0x20000;
export const PAGE = 0x10000;
export const SANDBOX_TOP = 2 ** 32;
/** Default stack size (NACL_DEFAULT_STACK_MAX). */
export const DEFAULT_STACK_SIZE = 16 * 1024 * 1024;
/** Where ZeroVM programs find the pointer to the user manifest. */
export const USER_MANIFEST_POINTER = 0xfefffffc;
/** argv[0]: an empty string near the top of the stack. */
export const ARGV0 = 0xfffffff0;

export const roundUp = (x: number, a: number): number => Math.ceil(x / a) * a;
