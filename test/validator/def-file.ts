// Reading NaCl's instruction-definition (.def) files, and building one concrete encoding of each
// x86-64 form they list, so our decoder + validator can be compared with them form by form.
import { readFileSync } from 'node:fs';

export interface DefOperand {
  readonly type: string;
  readonly size: string;
  /** '' default, '=' read, '!' written, '&' read-written, "'" unused. */
  readonly access: string;
  readonly implicit: boolean;
}

export interface DefEntry {
  readonly where: string;
  readonly name: string;
  readonly quoted: boolean;
  readonly operands: readonly DefOperand[];
  readonly opcode: readonly string[];
  readonly attrs: ReadonlySet<string>;
}

/** Logical entries of a .def file (continuation lines joined, comments dropped). */
export function readDefFile(file: string, label: string): DefEntry[] {
  const logical: { text: string; line: number }[] = [];
  readFileSync(file, 'utf8').split('\n').forEach((raw, i) => {
    if (raw.trim() === '' || raw.trimStart().startsWith('#')) return;
    if (/^\s/.test(raw) && logical.length > 0) logical[logical.length - 1]!.text += ' ' + raw.trim();
    else logical.push({ text: raw.trim(), line: i + 1 });
  });
  return logical.map(({ text, line }) => {
    let head: string;
    let rest: string;
    const quoted = text.startsWith('"');
    if (quoted) {
      const close = text.indexOf('"', 1);
      head = text.slice(1, close);
      rest = text.slice(close + 1).replace(/^,\s*/, '');
    } else {
      const comma = text.indexOf(', ');
      head = comma < 0 ? text : text.slice(0, comma);
      rest = comma < 0 ? '' : text.slice(comma + 2);
    }
    const comma2 = rest.indexOf(', ');
    const opcodeText = comma2 < 0 ? rest : rest.slice(0, comma2);
    const attrText = comma2 < 0 ? '' : rest.slice(comma2 + 2);
    const [name, ...ops] = head.split(/\s+/);
    const operands = quoted
      ? []
      : ops.map((o) => {
          const access = /^['=!&]/.test(o) ? o[0]! : '';
          const body = access ? o.slice(1) : o;
          const implicit = body.endsWith('*');
          const core = implicit ? body.slice(0, -1) : body;
          return { type: core[0]!, size: core.slice(1), access, implicit };
        });
    return {
      where: `${label}:${line}`,
      name: name!,
      quoted,
      operands,
      opcode: opcodeText.split(/\s+/).filter(Boolean),
      attrs: new Set(attrText.split(/\s+/).filter(Boolean)),
    };
  });
}

/** One concrete encoding of a form, with what it exercises. */
export interface Instance {
  readonly bytes: Uint8Array;
  readonly memory: boolean;
  /** Operand size of this variant: 8, 16, 32, 64, or 0 when not a GPR-sized form. */
  readonly size: number;
  /** The GPR written as destination (register number), or -1. */
  readonly destGpr: number;
  /** Which position in `bytes` a legacy prefix may be inserted at (before everything). */
  readonly legacyMap: boolean;
  readonly opcodeByte: number;
}

const RM_TYPES = new Set(['E', 'M', 'R', 'Q', 'N', 'U', 'W']);
const REG_TYPES = new Set(['G', 'P', 'V', 'S', 'C', 'D']);
const GPR_DEST_TYPES = new Set(['E', 'G', 'R', 'r', 'a', 'B']);
const REG_FIELD = 0; // rax / xmm0 / mm0 in ModRM.reg
const RM_REG = 1; // rcx / xmm1 in ModRM.rm
const OPCODE_REG = 1; // rcx in the opcode's low bits

function hexByte(t: string): number {
  return parseInt(t.slice(2), 16);
}

/** Written explicit operands: those marked ! or &, and an unmarked last operand (the default). */
export function writtenOperands(ops: readonly DefOperand[]): DefOperand[] {
  const explicit = ops.filter((o) => !o.implicit);
  const out = explicit.filter((o) => o.access === '!' || o.access === '&');
  const last = explicit[explicit.length - 1];
  if (last && last.access === '' && !out.includes(last)) out.push(last);
  return out;
}

/** The destination operand when there is exactly one written operand. */
function destination(ops: readonly DefOperand[]): DefOperand | undefined {
  const written = writtenOperands(ops);
  return written.length === 1 ? written[0] : undefined;
}

/**
 * Concrete encodings of an entry (amd64 view): for size-less forms the byte and full-size
 * variants, for v/y sizes the 16/32/64-bit variants, and register and memory (%r15) variants of
 * r/m operands. Memory is always (%r15) so that only the form's own facts decide.
 */
export function instances(e: DefEntry): Instance[] {
  if (e.quoted) {
    const bytes = new Uint8Array(e.opcode.map(hexByte));
    return [{ bytes, memory: false, size: 0, destGpr: -1, legacyMap: false, opcodeByte: -1 }];
  }
  const tokens = e.opcode;
  let data16 = false;
  let rexw = false;
  const mandatory: number[] = [];
  let vex: { prefix: number; map: number; w: string; vvvv: string; l: string; pp: number } | undefined;
  const opcode: number[] = [];
  let regExt = -1;
  let fixedModrm = -1;
  let now3d = false;
  let now3dSuffix = -1;
  let complete = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t === 'data16') data16 = true;
    else if (t === 'rexw') rexw = true;
    else if (t === 'rep' || t === 'repz') mandatory.push(0xf3);
    else if (t === 'repnz') mandatory.push(0xf2);
    else if (/^\/[0-7]$/.test(t)) regExt = Number(t[1]);
    else if (t === '/') now3d = true;
    else if ((t === '0xc4' || t === '0x8f') && tokens[i + 1]?.startsWith('RXB.')) {
      const mapText = tokens[i + 1]!.slice(4);
      const map = mapText.length === 5 ? parseInt(mapText, 2) : parseInt(mapText, 16);
      const [w, vvvv, l, pp] = tokens[i + 2]!.split('.') as [string, string, string, string];
      vex = { prefix: hexByte(t), map, w, vvvv, l, pp: parseInt(pp, 2) };
      i += 2;
    } else if (t.startsWith('0x')) {
      const b = hexByte(t);
      if (now3d) now3dSuffix = b;
      else if (complete) fixedModrm = b;
      else if (opcode.length === 0 && !vex && (b === 0x66 || b === 0xf2 || b === 0xf3)) mandatory.push(b);
      else {
        opcode.push(b);
        const o = opcode;
        complete = vex !== undefined || o[0] !== 0x0f
          ? true
          : o.length === 2 && o[1] !== 0x38 && o[1] !== 0x3a && o[1] !== 0x0f
            ? true
            : o.length === 3;
        if (o[0] === 0x0f && o[1] === 0x0f) complete = true;
      }
    } else {
      throw new Error(`${e.where}: unknown opcode token ${t}`);
    }
  }
  const ops = e.operands.filter((o) => !o.implicit);
  const sizeless = ops.some((o) => o.size === '' && 'EGIaMRr'.includes(o.type));
  const vSized = ops.some((o) => (o.size === 'v' || o.size === 'y' || o.size === 'z') && 'EGMRrBa'.includes(o.type));
  // VEX.W and VEX.L: 'x' (ignored) and 'L' (either length) take both values.
  const vexWL: [number, number][] = [];
  if (vex) {
    for (const w of vex.w === '1' ? [1] : vex.w === '0' ? [0] : [0, 1]) {
      for (const l of vex.l === '1' ? [1] : vex.l === '0' ? [0] : [0, 1]) vexWL.push([w, l]);
    }
  } else vexWL.push([0, 0]);
  // Operand-size variants: [opcode delta, data16, rexw, size]
  let variants: [number, boolean, boolean, number][];
  const noRexW = e.attrs.has('norexw') || e.attrs.has('norex');
  if (vex) variants = [[0, false, false, 0]];
  else if (sizeless) {
    variants = [[0, false, false, 8], [1, false, false, 32], [1, true, false, 16]];
    if (!noRexW) variants.push([1, false, true, 64]);
  } else if (vSized) {
    const y = ops.some((o) => o.size === 'y');
    variants = y ? [[0, false, false, 32]] : [[0, false, false, 32], [0, true, false, 16]];
    if (!noRexW) variants.push([0, false, true, 64]);
  } else {
    const sizeOf = (o: DefOperand | undefined) =>
      o === undefined ? 0 : o.size === 'b' ? 8 : o.size === 'w' ? 16 : o.size === 'd' ? 32 : o.size === 'q' ? 64 : 0;
    variants = [[0, false, false, sizeOf(destination(ops))]];
  }
  const rmOperand = ops.find((o) => RM_TYPES.has(o.type));
  const needsModrm = regExt >= 0 || fixedModrm >= 0 || now3d || rmOperand !== undefined || ops.some((o) => REG_TYPES.has(o.type));
  const memChoices: boolean[] = fixedModrm >= 0 || !needsModrm
    ? [false]
    : rmOperand === undefined
      ? [false]
      : rmOperand.type === 'M'
        ? [true]
        : 'RNU'.includes(rmOperand.type)
          ? [false]
          : [false, true];
  const out: Instance[] = [];
  for (const [delta, d16, w64, size] of variants) {
    for (const memory of memChoices) for (const [vexW, vexL] of vexWL) {
      const bytes: number[] = [];
      const isData16 = data16 || d16;
      const isRexW = rexw || w64;
      if (isData16) bytes.push(0x66);
      bytes.push(...mandatory);
      const rexB = memory ? 1 : 0;
      if (vex) {
        // vvvv = 1111 (no register) everywhere; the forms whose vvvv NaCl's tables leave free
        // although they have no vvvv operand are tested in vex-leniency.test.ts.
        const vvvv = 0;
        const w = vexW;
        const l = vexL;
        bytes.push(vex.prefix, 0xc0 | ((rexB ^ 1) << 5) | vex.map, (w << 7) | ((~vvvv & 15) << 3) | (l << 2) | vex.pp);
      } else {
        const rex = (isRexW ? 8 : 0) | rexB;
        if (rex) bytes.push(0x40 | rex);
      }
      const opc = opcode.slice();
      opc[opc.length - 1]! += delta;
      if (ops.some((o) => o.type === 'r') && !needsModrm) opc[opc.length - 1]! += OPCODE_REG;
      bytes.push(...opc);
      if (fixedModrm >= 0) bytes.push(fixedModrm);
      else if (needsModrm) {
        const reg = regExt >= 0 ? regExt : REG_FIELD;
        bytes.push(memory ? (reg << 3) | 7 : 0xc0 | (reg << 3) | RM_REG);
      }
      if (now3dSuffix >= 0) bytes.push(now3dSuffix);
      for (const o of ops) {
        let n = 0;
        if (o.type === 'I' || o.type === 'i') {
          n = o.size === 'b' ? 1 : o.size === 'w' ? 2 : o.size === 'd' ? 4 : o.size === '2' ? 1
            : o.size === 'v' ? (isRexW ? 8 : isData16 ? 2 : 4)
            : size === 8 ? 1 : isData16 ? 2 : 4;
        } else if (o.type === 'J') n = o.size === 'b' ? 1 : o.size === 'w' ? 2 : 4;
        else if (o.type === 'O') n = 8;
        else if (o.type === 'L') n = 1;
        for (let k = 0; k < n; k++) bytes.push(0);
      }
      const dest = destination(ops);
      let destGpr = -1;
      if (dest && GPR_DEST_TYPES.has(dest.type) && !(memory && (dest.type === 'E' || dest.type === 'M'))) {
        destGpr = dest.type === 'G' ? REG_FIELD : dest.type === 'E' || dest.type === 'R' ? RM_REG : dest.type === 'r' ? OPCODE_REG : dest.type === 'B' ? 0 : 0;
      }
      out.push({ bytes: new Uint8Array(bytes), memory, size, destGpr, legacyMap: !vex && opcode[0] !== 0x0f, opcodeByte: opc[opc.length - 1]! });
    }
  }
  return out;
}
