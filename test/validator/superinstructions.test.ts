import { describe, expect, it } from 'vitest';
import { parseHex } from '../../src/validator/hex.ts';
import { matchPrefixedNop } from '../../src/validator/nops.ts';
import {
  indirectBranchIsCall, matchIndirectBranch, matchStackMove, matchStackRebase, matchStringRebase,
  type StackRebase,
} from '../../src/validator/superinstructions.ts';

const at = (hex: string) => parseHex(hex);

/** nacljmp/naclcall bytes built from the instruction encodings, per register and add form. */
function indirectBranch(n: number, addForm: 0x01 | 0x03, call: boolean): Uint8Array {
  const b = n & 7;
  const high = n >= 8;
  const bytes: number[] = [];
  if (high) bytes.push(0x41);
  bytes.push(0x83, 0xe0 | b, 0xe0);
  if (addForm === 0x01) bytes.push(high ? 0x4d : 0x4c, 0x01, 0xc0 | (7 << 3) | b);
  else bytes.push(high ? 0x4d : 0x49, 0x03, 0xc0 | (b << 3) | 7);
  if (high) bytes.push(0x41);
  bytes.push(0xff, (call ? 0xd0 : 0xe0) | b);
  return new Uint8Array(bytes);
}

describe('nacljmp / naclcall recogniser', () => {
  it('matches every register but r15, both add forms, jmp and call', () => {
    for (let n = 0; n < 15; n++) {
      for (const form of [0x01, 0x03] as const) {
        for (const call of [false, true]) {
          const code = indirectBranch(n, form, call);
          expect(matchIndirectBranch(code, 0, code.length), `r${n} ${form} ${call}`).toBe(code.length);
          expect(indirectBranchIsCall(code, 0, code.length)).toBe(call);
          // Cut short by the bundle end: no match.
          expect(matchIndirectBranch(code, 0, code.length - 1)).toBe(0);
        }
      }
    }
    const r15 = indirectBranch(15, 0x01, false);
    expect(matchIndirectBranch(r15, 0, r15.length)).toBe(0);
  });

  it('refuses a register mismatch and a wrong mask', () => {
    expect(matchIndirectBranch(at('83e3e0 4c01fb ffe0'), 0, 8)).toBe(0);
    expect(matchIndirectBranch(at('83e0e0 4c01fb ffe0'), 0, 8)).toBe(0);
    expect(matchIndirectBranch(at('83e2f0 4c01fa ffe2'), 0, 8)).toBe(0);
    expect(matchIndirectBranch(at('83e0e0 4c01f8 90 ffe0'), 0, 9)).toBe(0);
  });
});

describe('string rebase recogniser', () => {
  it('matches mov %esi,%esi; lea (%r15,%rsi),%rsi and the %rdi form, 89 or 8b, optional REX.X', () => {
    expect(matchStringRebase(at('89f6 498d3437'), 0, 6, 6)).toBe(6);
    expect(matchStringRebase(at('8bf6 498d3437'), 0, 6, 6)).toBe(6);
    expect(matchStringRebase(at('89ff 498d3c3f'), 0, 6, 7)).toBe(6);
    expect(matchStringRebase(at('42 89ff 498d3c3f'), 0, 7, 7)).toBe(7);
    expect(matchStringRebase(at('89ff 498d3c3f'), 0, 6, 6)).toBe(0);
    expect(matchStringRebase(at('01ff 498d3c3f'), 0, 6, 7)).toBe(0);
    expect(matchStringRebase(at('89ff 4a8d3c3f'), 0, 6, 7)).toBe(0);
    expect(matchStringRebase(at('89ff 498d3c3f'), 0, 5, 7)).toBe(0);
  });
});

describe('%rsp/%rbp recognisers', () => {
  const rebase = (hex: string): [number, number] => {
    const code = at(hex);
    const out: StackRebase = { length: 0, reg: -1 };
    const n = matchStackRebase(code, 0, code.length, out);
    return [n, n > 0 ? out.reg : -1];
  };
  it('knows the rebase forms', () => {
    expect(rebase('4c01fc')).toEqual([3, 4]);
    expect(rebase('4903e7')).toEqual([3, 4]);
    expect(rebase('4c09fc')).toEqual([3, 4]);
    expect(rebase('490be7')).toEqual([3, 4]);
    expect(rebase('4a8d243c')).toEqual([4, 4]);
    expect(rebase('4a8d643c00')).toEqual([5, 4]);
    expect(rebase('4a8da43c00000000')).toEqual([8, 4]);
    expect(rebase('4c01fd')).toEqual([3, 5]);
    expect(rebase('4903ef')).toEqual([3, 5]);
    expect(rebase('4a8d6c3d00')).toEqual([5, 5]);
    expect(rebase('4a8dac3d00000000')).toEqual([8, 5]);
  });
  it('refuses near misses', () => {
    for (const hex of ['4c09fd', '4a8d6c3d01', '4a8d6c7d00', '4a8d6c3500', '4a8d2c3c', '498d2c2f', '4d01fc', '4c01f8']) {
      expect(rebase(hex)[0], hex).toBe(0);
    }
  });
  it('knows the unrestricted moves', () => {
    for (const hex of ['4889e5', '488bec', '4889ec', '488be5', '4883e4e0', '4883e480']) {
      const code = at(hex);
      expect(matchStackMove(code, 0, code.length), hex).toBe(code.length);
    }
    for (const hex of ['4883e401', '4883e47f', '4c89e5', '4189e5', '4881e4e0ffffff']) {
      const code = at(hex);
      expect(matchStackMove(code, 0, code.length), hex).toBe(0);
    }
  });
});

describe('prefixed long NOPs', () => {
  it('matches 66 0f 1f 44|84 00.. and 66{1..6} 2e 0f 1f 84 00 00 00 00 00 only', () => {
    for (let k = 1; k <= 6; k++) {
      const code = at('66'.repeat(k) + '2e0f1f840000000000');
      expect(matchPrefixedNop(code, 0, code.length)).toBe(k + 9);
    }
    expect(matchPrefixedNop(at('2e0f1f840000000000'), 0, 9)).toBe(0);
    expect(matchPrefixedNop(at('660f1f440000'), 0, 6)).toBe(6);
    expect(matchPrefixedNop(at('660f1f840000000000'), 0, 9)).toBe(9);
    expect(matchPrefixedNop(at('660f1f440001'), 0, 6)).toBe(0);
    expect(matchPrefixedNop(at('660f1f4400'), 0, 5)).toBe(0);
    expect(matchPrefixedNop(at('662e0f1f840000000001'), 0, 10)).toBe(0);
    expect(matchPrefixedNop(at('66'.repeat(7) + '2e0f1f840000000000'), 0, 16)).toBe(0);
  });
});

