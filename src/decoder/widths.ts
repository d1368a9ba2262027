// Resolution of table width codes into bits for one decoded instruction.
import { Width, type Decoded } from './types.ts';

/** Bits of an operand of width code `w` in the decoded instruction `d` (0 when not meaningful). */
export function widthBits(w: number, d: Decoded): number {
  switch (w) {
    case Width.B: return 8;
    case Width.W: return 16;
    case Width.D: return 32;
    case Width.Q: return 64;
    case Width.V: case Width.D64: return d.opSize >= 16 && d.opSize <= 64 ? d.opSize : 32;
    case Width.Z: return d.opSize === 16 ? 16 : 32;
    case Width.Y: return (d.vex === 0 ? (d.rex & 8) !== 0 : d.vexW !== 0) ? 64 : 32;
    case Width.S: return d.opSize === 16 ? 16 : 32;
    case Width.DQ: return 128;
    case Width.QQ: return 256;
    case Width.X: return d.vexL !== 0 ? 256 : 128;
    case Width.VHalf: return d.vexL !== 0 ? 128 : 64;
    case Width.T: return 80;
    case Width.Far: return d.opSize === 16 ? 32 : d.opSize === 64 ? 80 : 48;
    default: return 0;
  }
}
