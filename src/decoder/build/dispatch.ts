// Build step 3: the dispatch table of decodeFast's hot path (FAST), derived from the lookup tables.
// All sections live in ONE Int32Array so that the decoder checks a single typed array once per call
// instead of re-checking a module binding at every table access; the fixed sections sit at literal
// offsets (FastTable), the variable ones are reached through indices stored in records.
import { ByteClass, FastTable, Imm, INVALID_64, Osz, PREFIX_BIT, SLOTS } from '../table-constants.ts';
import { OpMap, type Form } from '../types.ts';
import type { BuiltTables } from './tables.ts';

export function buildDispatch(forms: readonly Form[], tables: BuiltTables): { FAST_INFO: Int32Array; FAST: Int32Array } {
  const { CAND_MASK, CAND_VALUE, CANDIDATES, FORM_INFO, SLOT_COUNT, SLOT_DIRECT, SLOT_MODRM, SLOT_START } = tables;
  // FORM_INFO plus bit 11 for forms that need a check beyond the table (segment register moves,
  // control/debug register moves, VSIB): decodeFast leaves its straight path only for those.
  const FAST_INFO = new Int32Array(FORM_INFO.length);
  for (let i = 0; i < FORM_INFO.length; i++) {
    const f = forms[i];
    const special = (f.map === OpMap.Legacy && (f.opcode === 0x8c || f.opcode === 0x8e)) ||
      (f.map === OpMap.M0F && f.opcode >= 0x20 && f.opcode <= 0x23) || (FORM_INFO[i] & 0x400) !== 0;
    FAST_INFO[i] = FORM_INFO[i] | (special ? 0x800 : 0);
  }
  const fast: number[] = new Array<number>(FastTable.End).fill(0);

  // Byte classes.
  for (let b = 0; b < 256; b++) {
    let cls = 0;
    if (PREFIX_BIT[b] !== 0) cls = PREFIX_BIT[b];
    else if ((b & 0xf0) === 0x40) cls = ByteClass.Rex;
    else if (b === 0x0f) cls = ByteClass.Escape0F;
    else if (b === 0xc4 || b === 0xc5 || b === 0x62 || b === 0x8f) cls = ByteClass.VexLike;
    else if (INVALID_64[b] !== 0) cls = ByteClass.Invalid64;
    fast[FastTable.ByteClass + b] = cls;
  }

  // Operand sizes.
  const opSizeAt = (index: number): number => fast[FastTable.OpSize + index];
  for (let k = 0; k < 8; k++) {
    for (let l = 0; l < 2; l++) {
      for (let c = 0; c < 4; c++) {
        const normal = c === 1 ? 16 : c === 2 ? 64 : 32;
        let size = normal;
        if (k === Osz.D64) size = c === 1 ? 16 : 64;
        else if (k === Osz.F64 || k === Osz.Mmx) size = 64;
        else if (k === Osz.Byte) size = 8;
        else if (k === Osz.Vec) size = l !== 0 ? 256 : 128;
        fast[FastTable.OpSize + ((k << 3) | (l << 2) | c)] = size;
      }
    }
  }

  // Immediate layouts: bits 0-3 first immediate's bytes, 4 a second imm8 follows, 5 it is a branch displacement.
  for (let kind = 0; kind < 16; kind++) {
    for (let a = 0; a < 2; a++) {
      for (let o = 0; o < 64; o++) {
        const opSize = opSizeAt(o);
        let size = 0;
        let size2 = 0;
        switch (kind) {
          case Imm.B: case Imm.RelB: size = 1; break;
          case Imm.W: size = 2; break;
          case Imm.D: case Imm.RelZ: size = 4; break;
          case Imm.Z: case Imm.RelZ16: size = opSize === 16 ? 2 : 4; break;
          case Imm.V: size = opSize === 16 ? 2 : opSize === 64 ? 8 : 4; break;
          case Imm.Moffs: size = a !== 0 ? 4 : 8; break;
          case Imm.WB: size = 2; size2 = 1; break;
          case Imm.BB: size = 1; size2 = 1; break;
        }
        const rel = kind === Imm.RelB || kind === Imm.RelZ || kind === Imm.RelZ16 ? 1 : 0;
        fast[FastTable.ImmLayout + ((kind << 7) | (a << 6) | o)] = size | (size2 << 4) | (rel << 5);
      }
    }
  }

  /**
   * Slot records: [0] ModRM kind (bits 0-1: 1 ModRM, 2 ModRM whose mod is ignored), candidate count
   * (2-9) and the FAST index of the slot's candidate quadruples [mask, value, form, info] (10-31);
   * [1] the form when the slot holds one unconstrained candidate, else -1; [2] that form's FAST_INFO;
   * [3] the FAST index of the slot's 64 [form, info] pairs by the low six key bits (mandatory prefix,
   * ModRM.reg, mod = 3) when its candidates test no other key bit, else -1.
   */
  const LOW6 = 0x3f;
  for (let s = 0; s < SLOTS; s++) {
    const r = FastTable.Slot + 4 * s;
    const direct = SLOT_DIRECT[s];
    fast[r + 1] = direct;
    fast[r + 2] = direct >= 0 ? FAST_INFO[direct] : 0;
    fast[r + 3] = -1;
    const first = SLOT_START[s];
    const count = SLOT_COUNT[s];
    if (direct >= 0 || count === 0) continue;
    let union = 0;
    for (let i = first; i < first + count; i++) union |= CAND_MASK[i];
    if ((union & ~LOW6) !== 0) continue;
    fast[r + 3] = fast.length;
    for (let key = 0; key < 64; key++) {
      let form = -1;
      for (let i = first; i < first + count; i++) {
        if ((key & CAND_MASK[i]) === CAND_VALUE[i]) {
          form = CANDIDATES[i];
          break;
        }
      }
      fast.push(form, form >= 0 ? FAST_INFO[form] : 0);
    }
  }
  fast[FastTable.Now3DPending] = 1;
  fast[FastTable.Now3DPending + 1] = -1;
  fast[FastTable.Now3DPending + 3] = -1;
  // Candidate quadruples, slot by slot in SLOT_START order.
  for (let s = 0; s < SLOTS; s++) {
    const r = FastTable.Slot + 4 * s;
    const first = SLOT_START[s];
    const count = SLOT_COUNT[s];
    if (count > 255 || fast.length >= 1 << 21) throw new Error('dispatch table field overflow');
    fast[r] = SLOT_MODRM[s] | (count << 2) | (fast.length << 10);
    for (let i = first; i < first + count; i++) {
      const form = CANDIDATES[i];
      fast.push(CAND_MASK[i], CAND_VALUE[i], form, FAST_INFO[form]);
    }
  }

  // The merged dispatch table.
  return { FAST_INFO, FAST: Int32Array.from(fast) };
}
