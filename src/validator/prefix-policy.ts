// Whether NaCl's grammar accepts a decoded ordinary instruction (not part of a fixed sequence):
// forbidden forms, control transfers that must go through nacljmp/naclcall, and the prefix
// rules of nacl-validator-rules.md §9. A refusal here is an "unrecognized instruction".
import { Flow, Forbidden, MandatoryPrefix, NaclFact, OpMap, Prefix, type Decoded, type Form } from '../decoder/types.ts';

const SEGMENTS = Prefix.CS | Prefix.DS | Prefix.ES | Prefix.SS | Prefix.FS | Prefix.GS;

function bitCount(x: number): number {
  let n = 0;
  for (; x !== 0; x &= x - 1) n++;
  return n;
}

export function acceptedForm(d: Decoded, form: Form): boolean {
  if (form.forbidden !== Forbidden.None) return false;
  const flow = form.flow;
  if (flow === Flow.IndirectJmp || flow === Flow.IndirectCall || flow === Flow.Ret || flow === Flow.Far) return false;
  return acceptedPrefixes(d, form);
}

export function acceptedPrefixes(d: Decoded, form: Form): boolean {
  if (d.rexMisplaced || d.prefixRepeated) return false;
  const p = d.prefixes;
  if (p & Prefix.ADDR) return false;
  const seg = p & SEGMENTS;
  if (seg !== 0) {
    // Only a single cs/ds branch hint on a conditional branch.
    if ((form.nacl & NaclFact.BranchHint) === 0 || (seg & ~(Prefix.CS | Prefix.DS)) !== 0 || bitCount(seg) > 1) {
      return false;
    }
  }
  if (p & Prefix.LOCK) {
    if ((form.nacl & NaclFact.LockAllowed) === 0 || !d.hasMem) return false;
  }
  // pause (f3 90) takes no REX in NaCl's tables (f3 40 90 would otherwise decode as pause).
  if (d.rex !== 0 && form.map === OpMap.Legacy && form.opcode === 0x90 && form.prefix === MandatoryPrefix.PF3) return false;
  const rexW = (d.rex & 8) !== 0;
  if (rexW && form.nacl & NaclFact.NoRexW) return false;
  if (p & Prefix.OPSIZE && form.prefix !== MandatoryPrefix.P66) {
    // 66 as an operand-size prefix: only on forms with a 16-bit variant, never with REX.W.
    if ((form.nacl & NaclFact.Allow16) === 0 || rexW) return false;
  }
  const rep = (p & Prefix.REP) !== 0 && form.prefix !== MandatoryPrefix.PF3;
  const repne = (p & Prefix.REPNE) !== 0 && form.prefix !== MandatoryPrefix.PF2;
  if ((p & Prefix.REP) && (p & Prefix.REPNE)) return false;
  if (rep && (form.nacl & (NaclFact.RepAllowed | NaclFact.CondRepAllowed)) === 0) return false;
  if (repne && (form.nacl & NaclFact.CondRepAllowed) === 0) return false;
  return true;
}
