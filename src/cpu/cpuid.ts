// The CPU profile this interpreter implements: CPUID reports exactly it, and the validator can
// take IMPLEMENTED_FEATURES to refuse forms the interpreter cannot run.
import { Feature } from '../decoder/types.ts';

/** Decoder features whose forms the interpreter executes (base integer ISA of x86-64 included). */
export const IMPLEMENTED_FEATURES: ReadonlySet<Feature> = new Set<Feature>([
  Feature.None, Feature.CMOV, Feature.CX8, Feature.CX16, Feature.POPCNT, Feature.LZCNT,
  Feature.MOVBE, Feature.TSC, Feature.LAHF, Feature.CPUID,
  // tzcnt is the only BMI1 form implemented and crc32 the only SSE4.2 one: neither family is
  // advertised by CPUID, but the forms run.
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
      // edx: TSC(4) CX8(8) CMOV(15); ecx: CX16(13) MOVBE(22) POPCNT(23)
      out[3] = (1 << 4) | (1 << 8) | (1 << 15);
      out[2] = (1 << 13) | (1 << 22) | (1 << 23);
      break;
    case 0x80000000:
      out[0] = 0x80000001 | 0;
      break;
    case 0x80000001:
      // ecx: LAHF/SAHF in 64-bit mode(0), LZCNT(5); edx: long mode(29)
      out[2] = 1 | (1 << 5);
      out[3] = 1 << 29;
      break;
    default:
      break;
  }
}
