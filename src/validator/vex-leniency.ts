// Where NaCl's tables leave a VEX field free that the CPU pins (it raises #UD otherwise), the
// reference validator accepts any value; the decoder follows the CPU and refuses. Two such cases,
// found by comparing every .def form with both values of each free field (def-facts.test.ts):
// - vvvv `src` in nine two-operand forms, which have no vvvv operand (vaesimc, vcomisd/ss,
//   vucomisd/ss, vmovhpd/ps store, vsqrtpd/ps): the CPU wants 1111;
// - W `x` in vblendvps/vblendvpd: Intel's manual pins W0.
// Where the decoder refuses such an instruction, the validator decodes it once more with the field
// set as the CPU wants it and, for these forms, judges that decode.
import { decodeFast } from '../decoder/decode-fast.ts';
import { formAt } from '../decoder/forms.ts';
import { DecodeError, type Decoded } from '../decoder/types.ts';

/** mnemonic -> opcode of the forms whose VEX.vvvv NaCl leaves free (xmm_instructions.def). */
const ANY_VVVV: ReadonlyMap<string, number> = new Map([
  ['vaesimc', 0xdb], ['vcomisd', 0x2f], ['vcomiss', 0x2f], ['vucomisd', 0x2e], ['vucomiss', 0x2e],
  ['vmovhpd', 0x17], ['vmovhps', 0x17], ['vsqrtpd', 0x51], ['vsqrtps', 0x51],
]);
/** mnemonic -> opcode of the forms whose VEX.W NaCl leaves free. */
const ANY_W: ReadonlyMap<string, number> = new Map([['vblendvps', 0x4a], ['vblendvpd', 0x4b]]);

const scratch = new Uint8Array(15);

/**
 * Decodes the instruction at `pos` as NaCl's tables read it: decodeFast's result, or, when that
 * refuses one of the forms above for its free field, the decode with the field as the CPU wants it.
 */
export function decodeAsNacl(code: Uint8Array, pos: number, end: number, d: Decoded): number {
  const n = decodeFast(code, pos, end, d);
  const lead = code[pos];
  if (n > 0 || (lead !== 0xc4 && lead !== 0xc5) || pos + 2 >= end) return n;
  if (n === DecodeError.BadVex) {
    // vvvv is stored inverted: 1111 = no register
    return retry(code, pos, end, d, lead === 0xc5 ? 1 : 2, 0x78, 0, ANY_VVVV) ?? n;
  }
  if (n === DecodeError.Undefined && lead === 0xc4) return retry(code, pos, end, d, 2, 0, 0x80, ANY_W) ?? n;
  return n;
}

/** Decodes a copy with byte `at` ORed with `set` and cleared of `clear`; its length when that is one of `forms`. */
function retry(code: Uint8Array, pos: number, end: number, d: Decoded, at: number, set: number, clear: number, forms: ReadonlyMap<string, number>): number | undefined {
  const size = Math.min(end - pos, scratch.length);
  scratch.set(code.subarray(pos, pos + size));
  scratch[at] = (scratch[at]! | set) & ~clear;
  const m = decodeFast(scratch.subarray(0, size), 0, size, d);
  if (m <= 0) return undefined;
  const form = formAt(d.form);
  return forms.get(form.mnemonic) === form.opcode ? m : undefined;
}
