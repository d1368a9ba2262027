// Byte-level recognisers for NaCl's fixed instruction sequences (nacl-validator-rules.md §5-§7,
// §12). Each returns the length of the sequence at `pos` (0 when it does not match); `end` is the
// bundle end, since no sequence may cross one. These sequences are exact byte patterns in NaCl's
// grammar too, so matching bytes (rather than decoded instructions) is the faithful reading.

/**
 * `and $-32,%eN ; add %r15,%rN ; jmp|call *%rN` with N in 0..14 (r15 excluded), in the four
 * encoding families: add as `01 /r` (r15 in ModRM.reg) or `03 /r` (r15 in ModRM.rm), times
 * legacy registers (no REX on and/jmp) or r8..r14 (REX.B on and/jmp).
 */
export function matchIndirectBranch(code: Uint8Array, pos: number, end: number): number {
  let p = pos;
  let high = 0;
  if (code[p] === 0x41) {
    high = 8;
    p++;
  }
  // and $-32, %eN: 83 /4 with mod=11, imm8 e0
  if (p + 3 > end || code[p] !== 0x83 || (code[p + 1]! & 0xf8) !== 0xe0 || code[p + 2] !== 0xe0) return 0;
  const n = (code[p + 1]! & 7) + high;
  if (n === 15) return 0;
  p += 3;
  // add %r15, %rN
  if (p + 3 > end) return 0;
  const lo = n & 7;
  const rexAdd = code[p]!;
  if (rexAdd === (high ? 0x4d : 0x4c) && code[p + 1] === 0x01 && code[p + 2] === (0xf8 | lo)) {
    // 01 /r: reg = r15 (REX.R), rm = N
  } else if (rexAdd === (high ? 0x4d : 0x49) && code[p + 1] === 0x03 && code[p + 2] === (0xc7 | (lo << 3))) {
    // 03 /r: reg = N, rm = r15 (REX.B)
  } else {
    return 0;
  }
  p += 3;
  // jmp *%rN (ff /4) or call *%rN (ff /2)
  if (high) {
    if (p >= end || code[p] !== 0x41) return 0;
    p++;
  }
  if (p + 2 > end || code[p] !== 0xff) return 0;
  const m = code[p + 1]!;
  if (m !== (0xe0 | lo) && m !== (0xd0 | lo)) return 0;
  return p + 2 - pos;
}

/** Whether the indirect-branch sequence of `length` bytes at `pos` ends in a call. */
export function indirectBranchIsCall(code: Uint8Array, pos: number, length: number): boolean {
  return (code[pos + length - 1]! & 0xf8) === 0xd0;
}

/**
 * `mov %eR,%eR ; lea (%r15,%rR,1),%rR` for R = rsi (6) or rdi (7): the rebase that must precede a
 * string instruction. The mov is `89` or `8b`, optionally with a lone REX.X prefix (0x42).
 */
export function matchStringRebase(code: Uint8Array, pos: number, end: number, reg: 6 | 7): number {
  let p = pos;
  if (code[p] === 0x42) p++;
  const self = reg === 6 ? 0xf6 : 0xff;
  if (p + 6 > end) return 0;
  if ((code[p] !== 0x89 && code[p] !== 0x8b) || code[p + 1] !== self) return 0;
  // 49 8d /r: reg = R, rm = 100 (SIB), SIB = index R, base r15 (REX.B)
  const modrm = 0x04 | (reg << 3);
  const sib = (reg << 3) | 0x07;
  if (code[p + 2] !== 0x49 || code[p + 3] !== 0x8d || code[p + 4] !== modrm || code[p + 5] !== sib) return 0;
  return p + 6 - pos;
}

/** Fixed instructions that move %rsp/%rbp without restriction: they keep the sandbox invariant. */
export function matchStackMove(code: Uint8Array, pos: number, end: number): number {
  if (pos + 3 > end || code[pos] !== 0x48) return 0;
  const op = code[pos + 1];
  const m = code[pos + 2];
  // mov %rsp,%rbp / mov %rbp,%rsp in both directions of the mov opcode
  if ((op === 0x89 || op === 0x8b) && (m === 0xe5 || m === 0xec)) return 3;
  // and $imm8,%rsp with a negative imm8 (only rounds down, so it stays in the sandbox)
  if (op === 0x83 && m === 0xe4 && pos + 4 <= end && code[pos + 3]! >= 0x80) return 4;
  return 0;
}

/** Which register a rebase instruction finishes: 4 (%rsp), 5 (%rbp), or -1. */
export interface StackRebase {
  length: number;
  reg: number;
}

function zeroBytes(code: Uint8Array, p: number, n: number): boolean {
  for (let i = 0; i < n; i++) if (code[p + i] !== 0) return false;
  return true;
}

/**
 * The second half of a %rsp/%rbp update (after a 32-bit write restricted the register):
 * `add %r15,%rsp|%rbp` (01 or 03 form), `or %r15,%rsp` (09 or 0b form; not for %rbp), or
 * `lea (%rsp,%r15,1),%rsp` / `lea 0x0(%rbp,%r15,1),%rbp` with a zero displacement.
 * Returns the length and sets out.reg, or 0.
 */
export function matchStackRebase(code: Uint8Array, pos: number, end: number, out: StackRebase): number {
  if (pos + 3 > end) return 0;
  const rex = code[pos];
  const op = code[pos + 1];
  const m = code[pos + 2]!;
  let len = 0;
  let reg = -1;
  if (rex === 0x4c && (op === 0x01 || op === 0x09) && (m === 0xfc || m === 0xfd)) {
    reg = m & 7;
    if (!(op === 0x09 && reg === 5)) len = 3;
  } else if (rex === 0x49 && (op === 0x03 || op === 0x0b) && (m === 0xe7 || m === 0xef)) {
    reg = (m >> 3) & 7;
    if (!(op === 0x0b && reg === 5)) len = 3;
  } else if (rex === 0x4a && op === 0x8d && pos + 4 <= end) {
    const sib = code[pos + 3];
    if (m === 0x24 && sib === 0x3c) {
      reg = 4;
      len = 4;
    } else if ((m === 0x64 && sib === 0x3c) || (m === 0x6c && sib === 0x3d)) {
      reg = m === 0x64 ? 4 : 5;
      if (pos + 5 <= end && zeroBytes(code, pos + 4, 1)) len = 5;
    } else if ((m === 0xa4 && sib === 0x3c) || (m === 0xac && sib === 0x3d)) {
      reg = m === 0xa4 ? 4 : 5;
      if (pos + 8 <= end && zeroBytes(code, pos + 4, 4)) len = 8;
    }
  }
  if (len === 0) return 0;
  out.length = len;
  out.reg = reg;
  return len;
}
