// Handlers by mnemonic, resolved per form of the decoder table (on its first use) into HANDLERS[formId].
// A key is `mnemonic`, `mnemonic.mm` (forms with an MMX operand) or `mnemonic sig`, where sig lists
// each operand as register class (G gpr, X xmm, M mmx, S x87) + place (r reg, m reg-or-memory, i imm,
// s st0, t st(i), f fixed): e.g. 'movq Gm,Xr' is movq Eq,Vdq. The most specific key wins.
import { Feature, formAt, FORM_COUNT, OperandKind, RegClass, Width, type Form } from '../decoder/index.ts';
import type { Exec } from './interface.ts';
import type { SimdUnit } from './state.ts';

export type Handler = (u: SimdUnit, c: Exec) => void;

const byKey = new Map<string, Handler>();

/** Registers one handler under each key of `keys`. */
export function def(keys: readonly string[] | string, h: Handler): void {
  for (const k of typeof keys === 'string' ? [keys] : keys) {
    if (byKey.has(k)) throw new Error(`simd: handler ${k} defined twice`);
    byKey.set(k, h);
  }
}

const CLS: Record<number, string> = { [RegClass.GPR]: 'G', [RegClass.XMM]: 'X', [RegClass.MMX]: 'M', [RegClass.ST]: 'S' };

export function signature(f: Form): string {
  return f.operands.map((o) => {
    const cls = CLS[o.cls] ?? '?';
    switch (o.kind) {
      case OperandKind.RM: case OperandKind.Mem: return cls + 'm';
      case OperandKind.Reg: case OperandKind.RmReg: case OperandKind.OpReg: case OperandKind.VexV: return cls + 'r';
      case OperandKind.Imm: case OperandKind.Imm2: return 'i';
      case OperandKind.St0: return 'Ss';
      case OperandKind.StI: return 'St';
      case OperandKind.Fixed: return cls + 'f';
      default: return '?';
    }
  }).join(',');
}

export function isMmxForm(f: Form): boolean {
  return f.operands.some((o) => o.cls === RegClass.MMX);
}

/** Bytes of a width code for a memory operand (0 when not meaningful). */
function widthBytes(w: number, opSizeDependent: boolean): number {
  switch (w) {
    case Width.B: return 1;
    case Width.W: return 2;
    case Width.D: return 4;
    case Width.Q: case Width.VHalf: return 8;
    case Width.DQ: case Width.X: return 16;
    case Width.T: return 10;
    case Width.Y: return opSizeDependent ? -1 : 0;
    default: return 0;
  }
}

const n = FORM_COUNT;
/** Memory operand size in bytes per form (-1: 4 or 8 by operand size, 0: none/not fixed); set when the form is resolved. */
export const FORM_MSIZE = new Int8Array(n);
/** 1 when the form works on MMX registers; set when the form is resolved. */
export const FORM_MMX = new Uint8Array(n);
/**
 * Handler per form: undefined until the form is resolved (resolveForm), then its handler or null.
 * Resolved one form at a time, on first use: resolving all 1 500 forms at load cost ~6 ms of a
 * process's start-up, and a program meets a few dozen.
 */
export const HANDLERS: (Handler | null | undefined)[] = new Array(n).fill(undefined);

/** Features whose forms this module executes (crc32, movnti, fences, prefetches stay with the cpu). */
const MINE = new Set<number>([Feature.X87, Feature.MMX, Feature.MMXExt, Feature.SSE, Feature.SSE2, Feature.SSE3,
  Feature.SSSE3, Feature.SSE41, Feature.SSE42, Feature.FXSR, Feature.CMOV]);
const NOT_MINE = new Set(['crc32', 'movnti', 'prefetchnta', 'prefetcht0', 'prefetcht1', 'prefetcht2', 'lfence',
  'mfence', 'sfence']);

/** True for the forms src/simd executes when it has a handler for them (VEX/XOP maps excluded). */
function owns(f: Form): boolean {
  return f.map < 5 && MINE.has(f.feature) && !NOT_MINE.has(f.mnemonic) &&
    (f.feature !== Feature.CMOV || f.mnemonic.startsWith('fcmov'));
}

/** Resolves one form's handler from the registered keys (every handler module has loaded by then). */
export function resolveForm(id: number): Handler | null {
  const known = HANDLERS[id];
  if (known !== undefined) return known;
  const f = formAt(id);
  const mem = f.operands.find((o) => o.kind === OperandKind.RM || o.kind === OperandKind.Mem);
  FORM_MSIZE[id] = mem ? widthBytes(mem.width, true) : 0;
  FORM_MMX[id] = isMmxForm(f) ? 1 : 0;
  let h: Handler | undefined;
  if (owns(f)) {
    h = byKey.get(`${f.mnemonic} ${signature(f)}`) ??
      (FORM_MMX[id] ? byKey.get(`${f.mnemonic}.mm`) : undefined) ?? byKey.get(f.mnemonic);
  }
  return (HANDLERS[id] = h ?? null);
}

/** For tests: the keys that were registered. */
export function registeredKeys(): string[] {
  return [...byKey.keys()];
}
