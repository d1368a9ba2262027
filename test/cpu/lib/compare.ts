// Compares a native and an interpreted snippet outcome; returns a description of the difference or null.
import type { Snippet } from './gen.ts';
import type { SnippetOutcome } from './scratch.ts';
import { formAt } from '../../../src/decoder/index.ts';

const NAMES = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];

export function describe(s: Snippet): string {
  const hex = Array.from(s.c.code, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const regs = s.c.regs.map((v, i) => `${NAMES[i]}=${v.toString(16)}`).join(' ');
  return `code [${hex}] (${s.forms.map((f) => formAt(f).mnemonic).join('; ')}) flags=${s.c.flags.toString(16)} seed=${s.c.seed.toString(16)} ${regs}`;
}

export function difference(s: Snippet, native: SnippetOutcome, interp: SnippetOutcome): string | null {
  if (native.kind !== interp.kind) {
    return `native ${native.kind}${native.kind === 'sig' ? native.signal : ''}, interpreter ${interp.kind}${interp.kind === 'sig' ? interp.signal : ''}`;
  }
  if (native.kind === 'sig' && interp.kind === 'sig') {
    // SIGBUS (non-canonical address) and SIGSEGV are both a memory fault
    const norm = (sig: number): number => (sig === 7 ? 11 : sig);
    return norm(native.signal) === norm(interp.signal) ? null : `signal ${native.signal} vs ${interp.signal}`;
  }
  if (native.kind !== 'ok' || interp.kind !== 'ok') return null;
  const out: string[] = [];
  const mask = (0x8d5 & ~s.undefinedFlags) | 0x400;
  if ((native.flags ^ interp.flags) & mask) {
    out.push(`flags native ${native.flags.toString(16)} interp ${interp.flags.toString(16)} (mask ${mask.toString(16)})`);
  }
  for (let r = 0; r < 16; r++) {
    if (native.regs[r] !== interp.regs[r]) out.push(`${NAMES[r]} native ${native.regs[r].toString(16)} interp ${interp.regs[r].toString(16)}`);
  }
  if (native.mem.join(' ') !== interp.mem.join(' ')) out.push(`memory native [${native.mem.join(' ')}] interp [${interp.mem.join(' ')}]`);
  return out.length ? out.join('; ') : null;
}
