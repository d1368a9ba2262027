// The x86-64 general registers by name, so the sandboxing pass can tell a
// register's number and width and name the same register in another width.

export interface Gpr {
  /** 0..15 in hardware numbering (rax=0 ... r15=15) */
  num: number;
  /** width in bits of this spelling */
  bits: 8 | 16 | 32 | 64;
}

const NAMES64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const NAMES32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const NAMES16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const NAMES8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];
const HIGH8 = ['ah', 'ch', 'dh', 'bh'];

export const RSP = 4;
export const RBP = 5;
export const R11 = 11;
export const R15 = 15;

const table = new Map<string, Gpr>();
NAMES64.forEach((n, i) => table.set(n, { num: i, bits: 64 }));
NAMES32.forEach((n, i) => table.set(n, { num: i, bits: 32 }));
NAMES16.forEach((n, i) => table.set(n, { num: i, bits: 16 }));
NAMES8.forEach((n, i) => table.set(n, { num: i, bits: 8 }));
// %ah..%bh share numbers 4..7 with spl..dil in ModRM but are different
// registers; give them numbers that match nothing else (they never address memory).
HIGH8.forEach((n, i) => table.set(n, { num: 100 + i, bits: 8 }));
table.set('r8l', { num: 8, bits: 8 }); // rarely used spellings
for (let i = 8; i < 16; i++) table.set(`r${i}l`, { num: i, bits: 8 });

/** Looks up a register name without '%' (e.g. "eax"); undefined for non-GPRs (xmm, st, segment...). */
export function gpr(name: string): Gpr | undefined {
  return table.get(name.toLowerCase());
}

export function name64(num: number): string {
  return NAMES64[num]!;
}

export function name32(num: number): string {
  return NAMES32[num]!;
}

export const SEGMENT_REGISTERS: ReadonlySet<string> = new Set(['cs', 'ds', 'es', 'fs', 'gs', 'ss']);
