// The CPU profile this interpreter implements: CPUID reports exactly it, and the validator can
// take IMPLEMENTED_FEATURES to refuse forms the interpreter cannot run.
import { Feature } from '../decoder/types.ts';

/** Decoder features whose forms the interpreter executes (base integer ISA of x86-64 included). */
export const IMPLEMENTED_FEATURES: ReadonlySet<Feature> = new Set<Feature>([
  Feature.None, Feature.CMOV, Feature.CX8, Feature.CX16, Feature.POPCNT, Feature.LZCNT,
  Feature.MOVBE, Feature.TSC, Feature.LAHF, Feature.CPUID,
  // src/simd: x87, MMX (and AMD's MMX extensions, all also SSE forms), SSE..SSE4.2, fxsave/fxrstor.
  Feature.X87, Feature.MMX, Feature.MMXExt, Feature.SSE, Feature.SSE2, Feature.SSE3, Feature.SSSE3,
  Feature.SSE41, Feature.SSE42, Feature.FXSR,
  // tzcnt is the only BMI1 form implemented: BMI1 is not advertised by CPUID, but the form runs.
]);

const VENDOR = 'ZeroVMTSInt0'; // 12 bytes: ebx, edx, ecx

function word(s: string, at: number): number {
  return (s.charCodeAt(at) | (s.charCodeAt(at + 1) << 8) | (s.charCodeAt(at + 2) << 16) | (s.charCodeAt(at + 3) << 24)) | 0;
}

/** Fills out[0..3] = eax, ebx, ecx, edx for leaf eax / subleaf ecx. */
export function cpuid(leaf: number, _subleaf: number, out: Int32Array): void {
  out.fill(0);
  switch (leaf >>> 0) {
    case 0:
      out[0] = 1;
      out[1] = word(VENDOR, 0); out[3] = word(VENDOR, 4); out[2] = word(VENDOR, 8);
      break;
    case 1:
      out[0] = 0x00000f00; // family 15, model 0, stepping 0
      // edx: FPU(0) TSC(4) CX8(8) CMOV(15) MMX(23) FXSR(24) SSE(25) SSE2(26)
      out[3] = 1 | (1 << 4) | (1 << 8) | (1 << 15) | (1 << 23) | (1 << 24) | (1 << 25) | (1 << 26);
      // ecx: SSE3(0) SSSE3(9) CX16(13) SSE4.1(19) SSE4.2(20) MOVBE(22) POPCNT(23); no OSXSAVE/AVX
      out[2] = 1 | (1 << 9) | (1 << 13) | (1 << 19) | (1 << 20) | (1 << 22) | (1 << 23);
      break;
    case 0x80000000:
      out[0] = 0x80000001 | 0;
      break;
    case 0x80000001:
      // ecx: LAHF/SAHF in 64-bit mode(0), LZCNT(5); edx: MMX extensions(22), long mode(29)
      out[2] = 1 | (1 << 5);
      out[3] = (1 << 22) | (1 << 29);
      break;
    default:
      break;
  }
}
