// Why an "unrecognized instruction" was refused, in words a person can act on: re-decodes the
// instruction at the reported offset and names the first rule it breaks.
import { decodeFast } from '../decoder/decode-fast.ts';
import { decodeErrorMessage } from '../decoder/types.ts';
import { formAt } from '../decoder/forms.ts';
import { Decoded, Flow, Forbidden, Prefix } from '../decoder/types.ts';
import type { Explanation } from './explain.ts';
import { NACL_POLICY_MASK } from './features.ts';
import { acceptedPrefixes } from './prefix-policy.ts';
import { StringNeeds, stringOpNeeds } from './string-ops.ts';
import { BUNDLE_SIZE } from './validate-chunk.ts';
import { xopFormAt } from './xop-forms.ts';

const FORBIDDEN_WHY: Record<number, Explanation> = {
  [Forbidden.Privileged]: { rule: 'privileged (ring-0) instructions are forbidden', hint: 'remove it; untrusted code cannot use it' },
  [Forbidden.Segment]: { rule: 'segment-register and far-transfer instructions are forbidden', hint: 'use near, %r15-relative code and data' },
  [Forbidden.IO]: { rule: 'port I/O instructions are forbidden', hint: 'do I/O through the runtime (system calls)' },
  [Forbidden.Trap]: { rule: 'instructions that leave the sandbox (int, syscall, ...) are forbidden', hint: 'call the runtime through its trampolines (naclcall) instead' },
  [Forbidden.StringMemory]: {
    rule: 'string instructions must come right after the rebase of %rsi/%rdi (mov %edi,%edi; lea (%r15,%rdi,1),%rdi)',
    hint: 'emit the rebase sequence directly before it, in the same bundle',
  },
  [Forbidden.Unsupported]: { rule: 'NaCl does not accept this instruction set extension', hint: 'build without it' },
  [Forbidden.Nondeterministic]: { rule: 'nondeterministic instructions are forbidden', hint: 'remove it' },
  [Forbidden.Obsolete]: { rule: "NaCl's tables refuse this form", hint: 'use another encoding or instruction' },
  [Forbidden.Undefined]: { rule: "this encoding is not in NaCl's tables (an alias or reserved form)", hint: 'use the canonical encoding' },
  [Forbidden.IndirectBranch]: {
    rule: 'indirect jumps/calls and returns are allowed only as nacljmp/naclcall: and $-32,%eN; add %r15,%rN; jmp|call *%rN',
    hint: 'mask and rebase the target register first; return with pop + nacljmp',
  },
};

/** The specific reason for an "unrecognized instruction" at `offset` of `code` (a whole chunk). */
export function explainUnrecognized(code: Uint8Array, offset: number, deterministic = true): Explanation {
  const bundleEnd = Math.min(code.length, (Math.floor(offset / BUNDLE_SIZE) + 1) * BUNDLE_SIZE);
  // A grammar rejection ends the bundle's walk: say which bytes went unchecked.
  const rest = bundleEnd - offset > 1 ? `; bytes up to 0x${bundleEnd.toString(16)} were not checked` : '';
  const g = (e: Explanation): Explanation => ({ rule: e.rule, hint: e.hint + rest });
  const xop = xopFormAt(code, offset, bundleEnd);
  // Known to NaCl's grammar, so the walk went on after it.
  if (xop) return { rule: `${xop.mnemonic}: its CPU feature (${xop.featureName}) is outside NaCl's policy`, hint: 'build without that extension' };
  const d = new Decoded();
  const n = decodeFast(code, offset, bundleEnd, d);
  if (n <= 0) {
    const whole = decodeFast(code, offset, code.length, d);
    if (whole > 0 && offset + whole > bundleEnd) {
      return { rule: `the instruction crosses the 32-byte bundle boundary at 0x${bundleEnd.toString(16)}`, hint: `pad with NOPs so it starts at 0x${bundleEnd.toString(16)}` };
    }
    return { rule: `the bytes do not decode: ${decodeErrorMessage(n)}`, hint: `check the code generator or the data placed in text${rest}` };
  }
  const form = formAt(d.form);
  if (stringOpNeeds(d) !== StringNeeds.None) return g(FORBIDDEN_WHY[Forbidden.StringMemory]!);
  const why = FORBIDDEN_WHY[form.forbidden];
  if (why) return g({ rule: `${form.mnemonic}: ${why.rule}`, hint: why.hint });
  const flow = form.flow;
  if (flow === Flow.IndirectJmp || flow === Flow.IndirectCall || flow === Flow.Ret) return g(FORBIDDEN_WHY[Forbidden.IndirectBranch]!);
  if (!acceptedPrefixes(d, form)) {
    const p = d.prefixes;
    const what = p & Prefix.ADDR ? 'the address-size prefix (67)'
      : p & (Prefix.CS | Prefix.DS | Prefix.ES | Prefix.SS | Prefix.FS | Prefix.GS) ? 'segment prefixes'
      : p & Prefix.LOCK ? 'lock on this form'
      : d.rexMisplaced ? 'a REX prefix before another prefix'
      : d.prefixRepeated ? 'repeated prefixes'
      : 'this prefix combination (66/f2/f3/REX.W)';
    return g({ rule: `${form.mnemonic}: NaCl refuses ${what}`, hint: 'drop the prefix or use the plain form' });
  }
  if (NACL_POLICY_MASK[form.feature] === 0) return { rule: `${form.mnemonic}: its CPU feature is outside NaCl's policy`, hint: 'build without that extension' };
  if (deterministic && form.mnemonic === 'rdtsc') return { rule: 'rdtsc is refused by ZeroVM for determinism', hint: 'use the runtime clock (or validate with --nacl)' };
  return { rule: `${form.mnemonic}: refused by NaCl's rules`, hint: '' };
}
