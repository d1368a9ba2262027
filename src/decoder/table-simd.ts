export const SIMD_SPEC: readonly string[] = [];
