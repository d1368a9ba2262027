// The shortcuts of src/simd against the host CPU where they are taken and where they must give up:
// the JS-double fast paths of SSE float arithmetic, min/max and (u)comis on values around their
// boundaries (exact vs inexact results, underflow and overflow on either side, Dekker's range guard,
// denormal/zero/infinite/NaN operands) under every rounding mode with DAZ/FTZ; the direct int32 forms
// of scalar/half moves and packed dword/qword integer ops. And the value generator must reach both
// sides of the arithmetic fast path (else the campaign would prove little).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Fast, FastOp, fastArith } from '../../src/simd/fast-float.ts';
import { campaignForms, runCampaign, type CampaignResult } from './campaign.ts';
import { fastVec16, stateWith } from './gen.ts';

function summary(r: CampaignResult): string[] {
  return r.mismatches.slice(0, 8).map((m) => `${m.text} [${m.bytes}]: ${m.diffs.slice(0, 3).join('; ')}`);
}

const FLOAT_FAST = /^((add|sub|mul|div|sqrt|min|max)(ps|pd|ss|sd)|u?comis[sd]|cvtsi2s[sd]|cvtt?s[sd]2si|cvt(ss2sd|sd2ss|ps2pd|pd2ps))$/;
const INT32_MOVES = /^(mov(ss|sd|lps|lpd|hps|hpd|hlps|lhps)|unpck[lh]pd|p(add|sub)[dq]|pcmpeqd|punpck[lh](dq|qdq)|ps(ll|rl)[wdq]|psra[wd])$/;

describe('simd fast paths vs the host CPU', () => {
  it('float arithmetic, min/max, comis and conversions at the fast paths\' boundaries, every rounding mode, DAZ/FTZ', () => {
    const forms = campaignForms((f) => FLOAT_FAST.test(f.mnemonic));
    expect(forms.length).toBeGreaterThanOrEqual(42);
    const r = runCampaign(forms, 24_000, 4242, false, stateWith(fastVec16));
    expect(summary(r)).toEqual([]);
    expect(r.run).toBeGreaterThan(23_000);
  }, 90_000);

  it('scalar and half moves, packed dword/qword integer ops (int32 forms)', () => {
    const forms = campaignForms((f) => INT32_MOVES.test(f.mnemonic));
    expect(forms.length).toBeGreaterThan(25);
    const r = runCampaign(forms, 8_000, 777);
    expect(summary(r)).toEqual([]);
  }, 60_000);

  it('the fast-path values reach exact, inexact and refused results of every operation and width', () => {
    const vecs = fc.sample(fastVec16, { numRuns: 4000, seed: 5 });
    for (const single of [false, true]) {
      for (const op of Object.values(FastOp)) {
        const seen = [0, 0, 0];
        for (let k = 0; k + 1 < vecs.length; k += 2) {
          const x = vecs[k].slice().buffer, y = vecs[k + 1].slice().buffer;
          const s = fastArith(op, single, new Float32Array(x), new Float64Array(x), 0, new Float32Array(y), new Float64Array(y), 0, 1);
          seen[s]++;
        }
        const total = seen[0] + seen[1] + seen[2];
        // each outcome in at least 1% of the cases (exact quotients and square roots are the rarest)
        expect({ single, op, ok: seen.every((n) => n >= 0.01 * total) }).toEqual({ single, op, ok: true });
      }
    }
  });

  it('refuses every case whose MXCSR flags or result could differ from one IEEE double operation', () => {
    const f64 = (...v: number[]) => new Float64Array(v);
    const run = (op: number, a: number, b: number) => {
      const x = f64(a), y = f64(b);
      return fastArith(op, false, new Float32Array(x.buffer), x, 0, new Float32Array(y.buffer), y, 0, 1);
    };
    const MIN = 2 ** -1022;
    expect(run(FastOp.Mul, 3, 0.5)).toBe(Fast.Exact);
    expect(run(FastOp.Div, 1, 3)).toBe(Fast.Inexact);
    expect(run(FastOp.Add, 1, 2 ** -60)).toBe(Fast.Inexact);
    expect(run(FastOp.Sqrt, 0, 2.25)).toBe(Fast.Exact);
    for (const [op, a, b] of [
      [FastOp.Add, 1, 0], [FastOp.Add, 0, 1], [FastOp.Mul, 1, 2 ** -1074], [FastOp.Mul, Infinity, 1], [FastOp.Add, NaN, 1],
      [FastOp.Div, 1, 0], [FastOp.Sqrt, 0, -4], [FastOp.Mul, 2 ** 600, 2 ** 600], [FastOp.Mul, MIN, 0.5],
      [FastOp.Mul, 2 ** -511, 2 ** -511], [FastOp.Div, MIN, 1], [FastOp.Add, 2 ** 1023, 2 ** 1023],
    ] as const) expect([op, a, b, run(op, a, b)]).toEqual([op, a, b, Fast.Refused]);
  });
});
