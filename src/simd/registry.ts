// Handlers by mnemonic, resolved once per form of the decoder table into HANDLERS[formId].
// A key is `mnemonic`, `mnemonic.mm` (forms with an MMX operand) or `mnemonic sig`, where sig lists
// each operand as register class (G gpr, X xmm, M mmx, S x87) + place (r reg, m reg-or-memory, i imm,
// s st0, t st(i), f fixed): e.g. 'movq Gm,Xr' is movq Eq,Vdq. The most specific key wins.
import { FORMS, OperandKind, RegClass, Width, type Form } from '../decoder/index.ts';
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

const n = FORMS.length;
/** Memory operand size in bytes per form (-1: 4 or 8 by operand size, 0: none/not fixed). */
export const FORM_MSIZE = new Int8Array(n);
/** 1 when the form works on MMX registers. */
export const FORM_MMX = new Uint8Array(n);
export const HANDLERS: (Handler | undefined)[] = new Array(n).fill(undefined);

let resolved = false;

/** Fills HANDLERS from the registered keys (call after every handler module has loaded). */
export function resolveHandlers(): void {
  if (resolved) return;
  resolved = true;
  for (const f of FORMS) {
    const mem = f.operands.find((o) => o.kind === OperandKind.RM || o.kind === OperandKind.Mem);
    FORM_MSIZE[f.id] = mem ? widthBytes(mem.width, true) : 0;
    FORM_MMX[f.id] = isMmxForm(f) ? 1 : 0;
    if (f.map >= 5) continue; // VEX/XOP forms are not executed here
    const h = byKey.get(`${f.mnemonic} ${signature(f)}`) ??
      (FORM_MMX[f.id] ? byKey.get(`${f.mnemonic}.mm`) : undefined) ?? byKey.get(f.mnemonic);
    HANDLERS[f.id] = h;
  }
}

/** For tests: the keys that were registered. */
export function registeredKeys(): string[] {
  return [...byKey.keys()];
}
