// NaCl's tables give these two-operand AVX forms a VEX.vvvv of kind `src` ("any register") where the
// CPU requires 1111 (it raises #UD otherwise): vaesimc, vcomisd/ss, vucomisd/ss, vmovhpd/ps (store),
// vsqrtpd/ps. The reference validator therefore accepts any vvvv there; the decoder, which follows
// the CPU, refuses it. Where the decoder refuses a VEX instruction, the validator decodes it once
// more with vvvv = 1111 and, for these forms, judges that decode.
import { decodeFast } from '../decoder/decode-fast.ts';
import { FORMS } from '../decoder/forms.ts';
import { DecodeError, type Decoded } from '../decoder/types.ts';

/** mnemonic -> opcode of the forms (instruction-definitions/xmm_instructions.def, vvvv `src`, two operands). */
const ANY_VVVV: ReadonlyMap<string, number> = new Map([
  ['vaesimc', 0xdb], ['vcomisd', 0x2f], ['vcomiss', 0x2f], ['vucomisd', 0x2e], ['vucomiss', 0x2e],
  ['vmovhpd', 0x17], ['vmovhps', 0x17], ['vsqrtpd', 0x51], ['vsqrtps', 0x51],
]);

const scratch = new Uint8Array(15);

/**
 * Decodes the instruction at `pos` as NaCl's tables read it: decodeFast's result, or, when that is
 * a bad-VEX refusal of one of the forms above, the decode with vvvv = 1111 (length or error code).
 */
export function decodeAsNacl(code: Uint8Array, pos: number, end: number, d: Decoded): number {
  const n = decodeFast(code, pos, end, d);
  if (n !== DecodeError.BadVex) return n;
  const lead = code[pos];
  if ((lead !== 0xc4 && lead !== 0xc5) || pos + 2 >= end) return n;
  const size = Math.min(end - pos, scratch.length);
  scratch.set(code.subarray(pos, pos + size));
  scratch[lead === 0xc5 ? 1 : 2]! |= 0x78; // vvvv is stored inverted: 1111 = no register
  const m = decodeFast(scratch.subarray(0, size), 0, size, d);
  if (m <= 0) return n;
  const form = FORMS[d.form]!;
  return ANY_VVVV.get(form.mnemonic) === form.opcode ? m : n;
}
