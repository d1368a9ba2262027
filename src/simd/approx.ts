// RCPPS/RSQRTPS approximations (placeholder: the correctly rounded value, until the host's tables are matched).
const F = new Float32Array(1);
const U = new Uint32Array(F.buffer);

export function rcp14(bits: number): number {
  F[0] = 0;
  U[0] = bits >>> 0;
  F[0] = 1 / F[0];
  return U[0];
}
export function rsqrt14(bits: number): number {
  U[0] = bits >>> 0;
  F[0] = 1 / Math.sqrt(F[0]);
  return U[0];
}
