// CPU-feature policy: which CPUID features an accepted instruction may need.
import { Feature } from '../decoder/types.ts';

/**
 * NaCl's compiled-in x86-64 policy set (validator_features_validator.c, summarised in
 * nacl-validator-rules.md §11). An instruction of a feature outside it is "unrecognized".
 * AES, CLMUL, BMI1/2, F16C, FXSR, TBM, XOP, FMA4, PREFETCHW-as-its-own-feature, MONITOR,
 * RDRAND/RDSEED, ADX, SHA, RDTSCP and XSAVE are off.
 */
export const NACL_POLICY_FEATURES: readonly Feature[] = [
  Feature.None,
  Feature.X87,
  Feature.CMOV,
  Feature.CX8,
  Feature.CX16,
  Feature.MMX,
  Feature.MMXExt,
  Feature.Now3D,
  Feature.Now3DExt,
  Feature.SSE,
  Feature.SSE2,
  Feature.SSE3,
  Feature.SSSE3,
  Feature.SSE41,
  Feature.SSE42,
  Feature.SSE4A,
  Feature.POPCNT,
  Feature.LZCNT,
  Feature.MOVBE,
  Feature.AVX,
  Feature.AVX2,
  Feature.FMA,
  Feature.CLFLUSH,
  Feature.TSC,
  Feature.LAHF,
  Feature.CPUID,
];

/** Lookup table indexed by Feature: true when allowed. */
export function featureMask(features: readonly Feature[]): Uint8Array {
  const mask = new Uint8Array(64);
  for (const f of features) mask[f] = 1;
  return mask;
}

export const NACL_POLICY_MASK: Uint8Array = featureMask(NACL_POLICY_FEATURES);
