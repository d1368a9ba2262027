// Every form the validator may accept for this CPU profile (not forbidden by NaCl, integer GPR
// operands, a CPUID feature in IMPLEMENTED_FEATURES) has an interpreter handler.
import { describe, expect, it } from 'vitest';
import { allForms, Forbidden, OpMap, RegClass } from '../../src/decoder/index.ts';
import { IMPLEMENTED_FEATURES } from '../../src/cpu/cpuid.ts';
import { K, formKind, interpreterRuns } from '../../src/cpu/kinds.ts';

describe('handler coverage', () => {
  it('every allowed integer form of the implemented profile has a handler', () => {
    const gpMaps = new Set<number>([OpMap.Legacy, OpMap.M0F, OpMap.M0F38, OpMap.M0F3A]);
    const candidates = allForms().filter((f) => f.forbidden === Forbidden.None && gpMaps.has(f.map) &&
      IMPLEMENTED_FEATURES.has(f.feature) && f.operands.every((o) => o.cls === RegClass.GPR));
    const missing = candidates.filter((f) => formKind(f) === K.Invalid).map((f) => f.mnemonic);
    expect(missing).toEqual([]);
    expect(candidates.length).toBeGreaterThan(250);
  });

  it('every allowed form of an implemented feature runs (SIMD/x87 included), and AVX/FMA forms do not', () => {
    const allowed = allForms().filter((f) => f.forbidden === Forbidden.None);
    const missing = allowed.filter((f) => IMPLEMENTED_FEATURES.has(f.feature) && !interpreterRuns(f)).map((f) => f.mnemonic);
    expect(missing).toEqual([]);
    const simd = allowed.filter((f) => formKind(f) === K.Simd);
    expect(simd.length).toBeGreaterThan(400);
    expect(simd.every((f) => IMPLEMENTED_FEATURES.has(f.feature))).toBe(true);
    const runsUnadvertised = allowed.filter((f) => interpreterRuns(f) && !IMPLEMENTED_FEATURES.has(f.feature)).map((f) => f.mnemonic);
    // BMI1's one implemented form (see cpuid.ts), and the 3DNow!/PREFETCHW hints run as nops
    expect([...new Set(runsUnadvertised)].sort()).toEqual(['prefetch', 'prefetchw', 'tzcnt']);
  });
});
