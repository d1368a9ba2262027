// NaCl's startup block (zerovm.md §8): 32-bit words [cleanup 0, envc, argc, argv..., NULL, envp...,
// NULL, auxv AT_NULL pair], placed at the top of the stack with the strings above it. At entry %rdi
// points at it and %rsp = block - 8 (16-byte aligned minus 8, as right after a call).
import { encodeUtf8 } from '../runtime/utf8.ts';

export interface StartupBlock {
  /** Lowest byte written: everything from here to `top` goes into the stack. */
  start: number;
  bytes: Uint8Array;
  /** Address of word 0 (16-byte aligned): the value of %rdi at entry. */
  block: number;
  /** %rsp at entry: block - 8. */
  rsp: number;
}

/** ZeroVM keeps the top 16 bytes of the stack zero (its argv[0] is the empty string at 0xFFFFFFF0). */
const TOP_RESERVE = 16;

export function buildStartupBlock(argv: readonly string[], envp: readonly string[], top: number): StartupBlock {
  const strings = [...argv, ...envp].map((s) => encodeUtf8(s));
  let cursor = top - TOP_RESERVE;
  const addresses = strings.map((s) => (cursor -= s.length + 1));
  const argvAt = addresses.slice(0, argv.length);
  const envAt = addresses.slice(argv.length);
  const words = [0, envp.length, argv.length, ...argvAt, 0, ...envAt, 0, 0, 0];
  const block = Math.floor((cursor - 4 * words.length) / 16) * 16;
  const start = block - 8; // the word at rsp (a return address slot) is zero
  const bytes = new Uint8Array(top - start);
  const view = new DataView(bytes.buffer);
  words.forEach((w, k) => view.setUint32(block - start + 4 * k, w >>> 0, true));
  strings.forEach((s, k) => bytes.set(s, addresses[k]! - start)); // NULs: the buffer is zeroed
  return { start, bytes, block, rsp: block - 8 };
}
