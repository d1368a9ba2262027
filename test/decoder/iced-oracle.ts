// iced-x86 as the test oracle: decode one instruction, its mnemonic/Code names and its GAS text
// with objdump-like formatter options; plus the text normalisation applied to both sides.
import { Code, Decoder, DecoderOptions, Formatter, FormatterSyntax, Instruction, Mnemonic } from 'iced-x86';

const MNEMONIC_NAMES: Record<number, string> = {};
for (const [k, v] of Object.entries(Mnemonic)) if (typeof v === 'number') MNEMONIC_NAMES[v] = k.toLowerCase();
const CODE_NAMES: Record<number, string> = {};
for (const [k, v] of Object.entries(Code)) if (typeof v === 'number') CODE_NAMES[v] = k;

export interface IcedResult {
  valid: boolean;
  length: number;
  mnemonic: string;
  code: string;
  text: string;
}

/** An iced decoder bound to one code buffer plus a formatter; call free() when done (wasm objects). */
export class IcedOracle {
  private readonly ins = new Instruction();
  private readonly fmt = new Formatter(FormatterSyntax.Gas);
  private readonly dec: Decoder;
  constructor(private readonly code: Uint8Array) {
    this.dec = new Decoder(64, code, DecoderOptions.None);
    const f = this.fmt;
    f.uppercaseHex = false;
    f.smallHexNumbersInDecimal = false;
    f.branchLeadingZeros = false;
    f.ripRelativeAddresses = true;
    f.usePseudoOps = false;
    f.showZeroDisplacements = false;
  }

  /** Decodes the instruction at `pos` (its address is `pos`). */
  decode(pos: number, withText = true): IcedResult {
    this.dec.position = pos;
    this.dec.ip = BigInt(pos);
    this.dec.decodeOut(this.ins);
    const valid = this.ins.code !== Code.INVALID;
    return {
      valid,
      length: valid ? this.ins.length : 0,
      mnemonic: MNEMONIC_NAMES[this.ins.mnemonic] ?? '?',
      code: CODE_NAMES[this.ins.code] ?? '?',
      text: valid && withText ? this.fmt.format(this.ins) : '',
    };
  }

  free(): void {
    this.ins.free();
    this.fmt.free();
    this.dec.free();
  }
}

/**
 * Text normalisation for both sides: drops objdump's RIP-target comment, zero displacements,
 * the ",1" scale, default string segments, the q of indirect call/jmp (older GAS style), and
 * spells repe/repne as repz/repnz.
 */
export function normalizeText(s: string): string {
  return s
    .replace(/\s+#.*$/, '')
    .replace(/\b0x0\(/g, '(')
    .replace(/,1\)/g, ')')
    .replace(/,\)/g, ')')
    .replace(/%[de]s:/g, '')
    .replace(/^rep ret/, 'repz ret')
    .replace(/\b(call|jmp)q \*/, '$1 *')
    .replace(/^repe /, 'repz ')
    .replace(/^repne /, 'repnz ')
    .replace(/\s+/g, ' ')
    .trim();
}
