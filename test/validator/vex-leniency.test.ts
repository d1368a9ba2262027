// NaCl's tables let nine two-operand AVX forms carry any VEX.vvvv (their .def rows say `src`) and
// vblendvps/vblendvpd any VEX.W; the reference validator accepts them, so ours does too, whatever
// the decoder (which follows the CPU's #UD) says. Other forms keep the CPU's rules.
import { describe, expect, it } from 'vitest';
import { validateChunk } from '../../src/validator/index.ts';
import { padNops } from './shared-data.ts';

/** A VEX-encoded instruction whose vvvv names register `vvvv` (stored inverted: 0 is the field 1111, "no register"). */
function vex2(vvvv: number, pp: number, opcode: number, modrm: number): number[] {
  return [0xc5, 0x80 | ((~vvvv & 15) << 3) | pp, opcode, modrm];
}
function vex3(vvvv: number, map: number, b: number, pp: number, opcode: number, ...rest: number[]): number[] {
  return [0xc4, 0xc0 | ((b ^ 1) << 5) | map, ((~vvvv & 15) << 3) | pp, opcode, ...rest];
}

const NACL = { deterministic: false } as const;

function verdict(bytes: number[]): { fast: string; reference: string } {
  const code = padNops(Uint8Array.from(bytes));
  const show = (r: ReturnType<typeof validateChunk>) => JSON.stringify(r.errors);
  return { fast: show(validateChunk(code, NACL)), reference: show(validateChunk(code, { ...NACL, cache: false })) };
}

describe('VEX.vvvv as NaCl\'s tables read it', () => {
  const lenient: [string, (v: number) => number[]][] = [
    ['vcomisd %xmm2,%xmm1', (v) => vex2(v, 1, 0x2f, 0xca)],
    ['vcomiss %xmm2,%xmm1', (v) => vex2(v, 0, 0x2f, 0xca)],
    ['vucomisd %xmm2,%xmm1', (v) => vex2(v, 1, 0x2e, 0xca)],
    ['vucomiss %xmm2,%xmm1', (v) => vex2(v, 0, 0x2e, 0xca)],
    ['vsqrtpd %xmm2,%xmm1', (v) => vex2(v, 1, 0x51, 0xca)],
    ['vsqrtps %xmm2,%xmm1', (v) => vex2(v, 0, 0x51, 0xca)],
    ['vmovhpd %xmm0,(%r15)', (v) => vex3(v, 1, 1, 1, 0x17, 0x07)],
    ['vmovhps %xmm0,(%r15)', (v) => vex3(v, 1, 1, 0, 0x17, 0x07)],
  ];
  for (const [name, encode] of lenient) {
    it(`${name}: valid with every vvvv`, () => {
      for (let v = 0; v < 16; v++) expect(verdict(encode(v)), `vvvv ${v}`).toEqual({ fast: '[]', reference: '[]' });
    });
  }

  it('vaesimc: any vvvv is the same verdict as 1111 (AES is outside NaCl\'s policy)', () => {
    const at = (v: number) => verdict(vex3(v, 2, 0, 1, 0xdb, 0xca));
    for (let v = 1; v < 16; v++) expect(at(v)).toEqual(at(0));
  });

  it('vmovaps (vvvv must be 1111 in NaCl\'s tables too) is refused with any other vvvv', () => {
    expect(verdict(vex2(0, 0, 0x28, 0xca))).toEqual({ fast: '[]', reference: '[]' });
    const refused = JSON.stringify([{ offset: 0, message: 'unrecognized instruction' }]);
    for (let v = 1; v < 16; v++) expect(verdict(vex2(v, 0, 0x28, 0xca)), `vvvv ${v}`).toEqual({ fast: refused, reference: refused });
  });

  it('vblendvps/vblendvpd with VEX.W1 (Intel pins W0)', () => {
    for (const opcode of [0x4a, 0x4b]) {
      for (const w of [0, 1]) {
        // c4: RXB.03, W.1111.L.01, opcode, ModRM (xmm0, xmm1), is4 (xmm0)
        const bytes = [0xc4, 0xe3, (w << 7) | 0x79, opcode, 0xc1, 0x00];
        expect(verdict(bytes), `W${w} ${opcode.toString(16)}`).toEqual({ fast: '[]', reference: '[]' });
      }
    }
    // vpblendvb (0x4c) is W0 in NaCl's tables too
    const refused = JSON.stringify([{ offset: 0, message: 'unrecognized instruction' }]);
    expect(verdict([0xc4, 0xe3, 0xf9, 0x4c, 0xc1, 0x00])).toEqual({ fast: refused, reference: refused });
  });

  it('vmovhpd\'s load form (0x16) uses vvvv as a source anyway', () => {
    for (let v = 0; v < 16; v++) expect(verdict(vex3(v, 1, 1, 1, 0x16, 0x07)).reference).toBe('[]');
  });
});
