// Hex text forms shared by the oracle protocol and the model.
import { f80, type F80 } from '../../src/fpu/float80/types.ts';

export function h(n: number, digits: number): string {
  return (n >>> 0).toString(16).padStart(digits, '0').slice(-digits);
}

export function f80Hex(x: F80): string {
  return h((x.sign << 15) | x.exp, 4) + h(x.hi, 8) + h(x.lo, 8);
}

export function parseF80(s: string): F80 {
  const se = parseInt(s.slice(0, 4), 16);
  return f80(se >>> 15, se & 0x7fff, parseInt(s.slice(4, 12), 16), parseInt(s.slice(12, 20), 16));
}

export function hex64(hi: number, lo: number): string {
  return h(hi, 8) + h(lo, 8);
}

export function parse64(s: string): { hi: number; lo: number } {
  const t = s.padStart(16, '0');
  return { hi: parseInt(t.slice(0, 8), 16), lo: parseInt(t.slice(8, 16), 16) };
}
