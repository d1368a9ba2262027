// GNU AT&T (objdump-like) text of a full decode.
import type { FullDecode } from './types.ts';

export function formatAtt(insn: FullDecode): string {
  return insn.mnemonic;
}
