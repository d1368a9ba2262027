export const VEX_SPEC: readonly string[] = [];
