// x87 forms against the host CPU on the operands where exception precedence decides the status word:
// stack registers holding only zeros, infinities, NaNs, 80-bit denormals/pseudo-denormals/unnormals
// and a few normals, memory made of bytes that read as binary32/64 denormals, zeros or tiny normals
// at any offset (e.g. fdivr m64 of a denormal by +-0: ZE decides, no DE).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignForms, runCampaign } from './campaign.ts';
import { stateArb, type MachineState } from './gen.ts';

const TRANSCENDENTAL = new Set(['f2xm1', 'fyl2x', 'fyl2xp1', 'fptan', 'fpatan', 'fsin', 'fcos', 'fsincos']);

function f80(sign: number, exp: number, hi: number, lo: number): Uint8Array {
  const b = new Uint8Array(10);
  const v = new DataView(b.buffer);
  v.setUint32(0, lo >>> 0, true);
  v.setUint32(4, hi >>> 0, true);
  v.setUint16(8, (sign << 15) | exp, true);
  return b;
}
const specialF80 = fc.tuple(fc.nat(1), fc.constantFrom(
  [0, 0, 0], [0x7fff, 0x80000000, 0], [0x7fff, 0xc0000000, 0], [0x7fff, 0x80000000, 1], [0, 0, 1], [0, 0x40000000, 0],
  [0, 0x80000000, 0], [0x3fff, 0x80000000, 0], [0x3fff, 0, 5], [1, 0x80000000, 0], [0x7ffe, 0xffffffff, 0xffffffff],
)).map(([s, [e, hi, lo]]) => f80(s, e, hi, lo));
/** Bytes whose binary32/64 reads at any offset have (almost) zero exponents. */
const tinyBytes = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => b.map((x) => [0, 0, 0, 1, 0x80, 0x0f, 0x81][x % 7]));

const specialState: fc.Arbitrary<MachineState> = fc.tuple(stateArb, fc.array(specialF80, { minLength: 8, maxLength: 8 }),
  fc.array(tinyBytes, { minLength: 16, maxLength: 16 }), fc.constantFrom(0, 0, 0, 0x80, 0x01))
  .map(([s, st, mem, emptyMask]) => ({ ...s, st, mem, emptyMask }));

describe('x87 on special operands vs the host CPU', () => {
  it('matches the host on 12,000 instructions', () => {
    const forms = campaignForms((f) => f.mnemonic.startsWith('f') && !TRANSCENDENTAL.has(f.mnemonic));
    const r = runCampaign(forms, 12_000, 20261130, false, specialState);
    expect(r.mismatches.slice(0, 6).map((m) => `${m.text} [${m.bytes}]: ${m.diffs.slice(0, 3).join('; ')}`)).toEqual([]);
    expect(r.run).toBeGreaterThan(11_500);
  });
});
