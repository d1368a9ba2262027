// The instruction that ends a string superinstruction (§6): which rebase it needs and which
// prefixes it may carry.
import { OpMap, Prefix, type Decoded } from '../decoder/types.ts';

/** Which pointer rebases must precede a string instruction. */
export const StringNeeds = { None: 0, Rsi: 1, Rdi: 2, RsiRdi: 3 } as const;
export type StringNeeds = (typeof StringNeeds)[keyof typeof StringNeeds];

const FORBIDDEN_PREFIXES =
  Prefix.LOCK | Prefix.ADDR | Prefix.CS | Prefix.DS | Prefix.ES | Prefix.SS | Prefix.FS | Prefix.GS;

/**
 * The rebases a decoded instruction needs when it is a string or mask-move instruction whose
 * prefixes NaCl accepts there, else StringNeeds.None.
 */
export function stringOpNeeds(d: Decoded): StringNeeds {
  if (d.rexMisplaced || d.prefixRepeated || (d.prefixes & FORBIDDEN_PREFIXES) !== 0) return StringNeeds.None;
  const rep = (d.prefixes & Prefix.REP) !== 0;
  const repne = (d.prefixes & Prefix.REPNE) !== 0;
  const data16 = (d.prefixes & Prefix.OPSIZE) !== 0;
  if (d.map === OpMap.Legacy) {
    const op = d.opcode;
    // 66 only on the word forms (odd opcodes), never together with rep/repne (issue 1950).
    if (data16 && ((op & 1) === 0 || rep || repne)) return StringNeeds.None;
    if (rep && repne) return StringNeeds.None;
    switch (op) {
      case 0xa4: case 0xa5: return repne ? StringNeeds.None : StringNeeds.RsiRdi; // movs
      case 0xa6: case 0xa7: return StringNeeds.RsiRdi; // cmps
      case 0xaa: case 0xab: return repne ? StringNeeds.None : StringNeeds.Rdi; // stos
      case 0xae: case 0xaf: return StringNeeds.Rdi; // scas
      case 0xac: case 0xad: return repne ? StringNeeds.None : StringNeeds.Rsi; // lods
      default: return StringNeeds.None;
    }
  }
  // maskmovq / maskmovdqu (0f f7, register form) and vmaskmovdqu (VEX.128 0f f7).
  if (d.opcode !== 0xf7 || d.modrm < 0xc0 || rep || repne) return StringNeeds.None;
  if (d.map === OpMap.M0F) return StringNeeds.Rdi;
  if (d.map === OpMap.Vex0F && d.vexL === 0) return StringNeeds.Rdi;
  return StringNeeds.None;
}
