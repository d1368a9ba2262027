// Every form the validator may accept for this CPU profile (not forbidden by NaCl, integer GPR
// operands, a CPUID feature in IMPLEMENTED_FEATURES) has an interpreter handler.
import { describe, expect, it } from 'vitest';
import { FORMS, Forbidden, OpMap, RegClass } from '../../src/decoder/index.ts';
import { IMPLEMENTED_FEATURES } from '../../src/cpu/cpuid.ts';
import { K, formKind } from '../../src/cpu/kinds.ts';

describe('handler coverage', () => {
  it('every allowed integer form of the implemented profile has a handler', () => {
    const gpMaps = new Set<number>([OpMap.Legacy, OpMap.M0F, OpMap.M0F38, OpMap.M0F3A]);
    const candidates = FORMS.filter((f) => f.forbidden === Forbidden.None && gpMaps.has(f.map) &&
      IMPLEMENTED_FEATURES.has(f.feature) && f.operands.every((o) => o.cls === RegClass.GPR));
    const missing = candidates.filter((f) => formKind(f) === K.Invalid).map((f) => f.mnemonic);
    expect(missing).toEqual([]);
    expect(candidates.length).toBeGreaterThan(250);
  });
});
