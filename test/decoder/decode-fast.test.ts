// decodeFast unit and property tests: error codes, decoded fields, register effects, and
// invariants over arbitrary bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decoded, DecodeError, decodeFast, decodeFull, formAt, GprList, gprsRead, gprsWritten, memOperandIndex, Prefix, RIP, VexKind } from '../../src/decoder/index.ts';

const bytes = (hex: string): Uint8Array => Uint8Array.from(hex.replace(/\s+/g, '').match(/../g)!.map((h) => parseInt(h, 16)));

function dec(hex: string): { r: number; d: Decoded } {
  const b = bytes(hex);
  const d = new Decoded();
  return { r: decodeFast(b, 0, b.length, d), d };
}

describe('decodeFast errors', () => {
  it('reports truncation, 15-byte limit, LOCK misuse, 64-bit-invalid opcodes and VEX misuse', () => {
    expect(dec('48 8b').r).toBe(DecodeError.Truncated);
    expect(dec('48 8b 04').r).toBe(DecodeError.Truncated);
    expect(dec('66'.repeat(14) + '90').r).toBe(15);
    expect(dec('66'.repeat(15) + '90').r).toBe(DecodeError.TooLong);
    expect(dec('f0 01 c0').r).toBe(DecodeError.LockNotAllowed);
    expect(dec('f0 01 00').r).toBe(3);
    expect(dec('f0 89 00').r).toBe(DecodeError.LockNotAllowed);
    expect(dec('06').r).toBe(DecodeError.Invalid64);
    expect(dec('60').r).toBe(DecodeError.Invalid64);
    expect(dec('66 c5 f8 77').r).toBe(DecodeError.BadVex);
    expect(dec('c5 f0 77').r).toBe(DecodeError.BadVex); // vzeroupper with vvvv != 1111
    expect(dec('0f 04').r).toBe(DecodeError.Undefined);
  });

  it('gives the length of refused EVEX and XOP instructions', () => {
    const evex = dec('62 f1 7c 48 10 06');
    expect(evex.r).toBe(DecodeError.Unsupported);
    expect(evex.d.length).toBe(6);
    const xop = dec('8f e8 78 c0 c1 05');
    expect(xop.r).toBe(DecodeError.Unsupported);
    expect(xop.d.length).toBe(6);
  });
});

describe('decodeFast fields', () => {
  it('ModRM/SIB/displacement, REX and operand size', () => {
    const { r, d } = dec('48 8b 44 24 08'); // mov rax, [rsp+8]
    expect(r).toBe(5);
    expect(formAt(d.form).mnemonic).toBe('mov');
    expect([d.reg, d.hasMem, d.memBase, d.memIndex, d.memScale, d.disp, d.opSize, d.rex]).toEqual([0, true, 4, -1, 1, 8, 64, 0x48]);
    const rip = dec('4c 8d 3d f0 ff ff ff').d; // lea r15, [rip-16]
    expect([rip.reg, rip.memBase, rip.disp]).toEqual([15, RIP, -16]);
    const sib = dec('42 8b 04 8d 10 00 00 00').d; // mov eax, [r9*4+0x10]
    expect([sib.memBase, sib.memIndex, sib.memScale, sib.disp]).toEqual([-1, 9, 4, 16]);
    const a32 = dec('67 8b 00').d;
    expect(a32.addrSize).toBe(32);
  });

  it('immediates, branch displacements and prefixes', () => {
    const mov64 = dec('48 b8 ef cd ab 89 67 45 23 01').d;
    expect([mov64.imm >>> 0, mov64.immHi, mov64.immSize]).toEqual([0x89abcdef, 0x01234567, 8]);
    const addi = dec('48 83 c0 f0').d; // add rax, -16
    expect([addi.imm, addi.immHi, addi.immSize]).toEqual([-16, -1, 1]);
    const call = dec('e8 fb ff ff ff').d;
    expect([call.rel, call.length]).toEqual([-5, 5]);
    const enter = dec('c8 10 00 02').d;
    expect([enter.imm, enter.imm2]).toEqual([16, 2]);
    const rep = dec('f3 48 ab').d;
    expect(rep.prefixes & Prefix.REP).toBe(Prefix.REP);
    expect([rep.prefixCount, rep.rex, formAt(rep.form).mnemonic]).toEqual([1, 0x48, 'stosq']);
    const seg = dec('64 48 8b 04 25 28 00 00 00').d;
    expect([seg.segment, seg.segmentFsGs, seg.memBase, seg.memIndex, seg.disp]).toEqual([0x64, 0x64, -1, -1, 0x28]);
    const misplaced = dec('48 66 90').d;
    expect([misplaced.rex, misplaced.rexMisplaced]).toEqual([0, true]);
    const twice = dec('66 66 90').d;
    expect(twice.prefixRepeated).toBe(true);
  });

  it('VEX fields', () => {
    const v = dec('c5 f1 fe 05 00 00 00 00').d; // vpaddd xmm0, xmm1, [rip]
    expect([v.vex, v.vexL, v.vexV, v.reg, v.memBase, v.opSize]).toEqual([VexKind.VEX2, 0, 1, 0, RIP, 128]);
    const v3 = dec('c4 e2 7d 58 c1').d; // vpbroadcastd ymm0, xmm1
    expect([v3.vex, v3.vexL, v3.vexW, formAt(v3.form).mnemonic]).toEqual([VexKind.VEX3, 1, 0, 'vpbroadcastd']);
    const bmi = dec('c4 e2 f8 f2 c1').d; // andn rax, rax, rcx
    expect([formAt(bmi.form).mnemonic, bmi.opSize]).toEqual(['andn', 64]);
  });
});

describe('register effects', () => {
  const list = new GprList();
  const written = (hex: string): [number, number, boolean][] => {
    gprsWritten(dec(hex).d, list);
    return Array.from({ length: list.count }, (_, i) => [list.reg[i], list.bits[i], list.highByte[i] !== 0]);
  };
  const read = (hex: string): number[] => {
    gprsRead(dec(hex).d, list);
    return Array.from({ length: list.count }, (_, i) => list.reg[i]).sort((a, b) => a - b);
  };
  it('explicit and implicit GPR writes with widths', () => {
    expect(written('89 d8')).toEqual([[0, 32, false]]); // mov eax, ebx
    expect(written('b4 01')).toEqual([[4, 8, true]]); // mov ah, 1
    expect(written('40 b4 01')).toEqual([[4, 8, false]]); // mov spl, 1
    expect(written('48 f7 e3')).toEqual([[0, 64, false], [2, 64, false]]); // mul rbx
    expect(written('53')).toEqual([[4, 64, false]]); // push rbx
    expect(written('5b')).toEqual([[3, 64, false], [4, 64, false]]); // pop rbx
    expect(written('f3 48 a5').map((x) => x[0]).sort()).toEqual([1, 6, 7]); // rep movsq
    expect(written('48 a5').map((x) => x[0]).sort()).toEqual([6, 7]); // movsq
    expect(written('39 d8')).toEqual([]); // cmp eax, ebx
    expect(written('4c 87 c0')).toEqual([[0, 64, false], [8, 64, false]]); // xchg rax, r8
  });
  it('reads include address registers', () => {
    expect(read('48 8b 04 c3')).toEqual([0, 3]); // mov rax, [rbx+rax*8]
    expect(read('01 d8')).toEqual([0, 3]); // add eax, ebx
    expect(memOperandIndex(dec('01 18').d)).toBe(0); // add [rax], ebx
    expect(memOperandIndex(dec('03 18').d)).toBe(1); // add ebx, [rax]
    expect(memOperandIndex(dec('01 d8').d)).toBe(-1);
  });
});

describe('decodeFast invariants over arbitrary bytes', () => {
  it('never throws; length is 1..15 and within the buffer; decodeFull agrees', () => {
    const d = new Decoded();
    fc.assert(fc.property(fc.uint8Array({ minLength: 0, maxLength: 20 }), (b) => {
      const r = decodeFast(b, 0, b.length, d);
      if (r > 0) {
        expect(r).toBeLessThanOrEqual(Math.min(15, b.length));
        expect(d.form).toBeGreaterThanOrEqual(0);
        const full = decodeFull(b, 0, b.length);
        expect(full.ok && full.length === r && full.form.id === d.form).toBe(true);
      } else {
        expect(Object.values(DecodeError)).toContain(r);
        expect(d.form).toBe(-1);
        expect(decodeFull(b, 0, b.length).ok).toBe(false);
      }
    }), { numRuns: 20_000 });
  });
});
