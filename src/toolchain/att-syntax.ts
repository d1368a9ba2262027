// A small parser for the AT&T assembly that gcc writes: statements, instruction
// prefixes, mnemonics and operands. It understands just enough to sandbox code;
// everything it does not recognise is kept as text.
import { gpr, type Gpr } from './registers.ts';

export interface RegOperand {
  kind: 'reg';
  /** name without '%' */
  name: string;
  /** undefined for non-general registers (xmm, st, segment registers...) */
  gpr: Gpr | undefined;
  indirect: boolean;
}

export interface ImmOperand {
  kind: 'imm';
  text: string;
}

export interface MemOperand {
  kind: 'mem';
  /** segment override name without '%', if any */
  segment: string | undefined;
  /** displacement expression, '' when absent */
  disp: string;
  base: string | undefined;
  index: string | undefined;
  scale: string | undefined;
  indirect: boolean;
}

/** A bare expression: a branch target, or an absolute address for other instructions. */
export interface ExprOperand {
  kind: 'expr';
  text: string;
  indirect: boolean;
}

export type Operand = RegOperand | ImmOperand | MemOperand | ExprOperand;

export interface Instruction {
  prefixes: string[];
  mnemonic: string;
  operands: Operand[];
}

export class AsmSyntaxError extends Error {}

const PREFIXES = new Set([
  'rep', 'repe', 'repz', 'repne', 'repnz', 'lock', 'data16', 'data32', 'addr32', 'addr16',
  'rex', 'rex64', 'rex.w', 'notrack', 'bnd', 'xacquire', 'xrelease',
]);

/** Splits at `sep` characters outside quotes and outside parentheses (when `depthAware`). */
export function splitOutside(text: string, sep: string, depthAware: boolean): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
      continue;
    }
    if (c === '"') quote = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === sep && (!depthAware || depth === 0)) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** Removes a `#` comment (outside quotes). */
export function stripComment(line: string): string {
  let quote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === '"') quote = false;
    } else if (c === '"') quote = true;
    else if (c === '#') return line.slice(0, i);
  }
  return line;
}

function regName(text: string): string {
  if (!text.startsWith('%')) throw new AsmSyntaxError(`expected a register, found '${text}'`);
  return text.slice(1).trim().toLowerCase();
}

export function parseOperand(raw: string): Operand {
  let text = raw.trim();
  let indirect = false;
  if (text.startsWith('*')) {
    indirect = true;
    text = text.slice(1).trim();
  }
  if (text.startsWith('$')) return { kind: 'imm', text };
  let segment: string | undefined;
  const seg = /^%([a-z]s)\s*:\s*/i.exec(text);
  if (seg) {
    segment = seg[1]!.toLowerCase();
    text = text.slice(seg[0].length);
  }
  if (text.startsWith('%') && segment === undefined) {
    const name = regName(text);
    return { kind: 'reg', name, gpr: gpr(name), indirect };
  }
  if (text.endsWith(')')) {
    // the address part is the last parenthesised group; it starts with '%' or ','
    let depth = 0;
    let open = -1;
    for (let i = text.length - 1; i >= 0; i--) {
      if (text[i] === ')') depth++;
      else if (text[i] === '(') {
        depth--;
        if (depth === 0) {
          open = i;
          break;
        }
      }
    }
    const inner = open >= 0 ? text.slice(open + 1, -1).trim() : '';
    if (open >= 0 && (inner.startsWith('%') || inner.startsWith(','))) {
      const parts = inner.split(',').map((p) => p.trim());
      if (parts.length > 3) throw new AsmSyntaxError(`malformed memory operand '${raw.trim()}'`);
      const base = parts[0] ? regName(parts[0]) : undefined;
      const index = parts[1] ? regName(parts[1]) : undefined;
      const scale = parts[2] ? parts[2] : undefined;
      return { kind: 'mem', segment, disp: text.slice(0, open).trim(), base, index, scale, indirect };
    }
  }
  if (segment !== undefined) return { kind: 'mem', segment, disp: text, base: undefined, index: undefined, scale: undefined, indirect };
  return { kind: 'expr', text, indirect };
}

/** Parses one instruction statement (no label, no comment). */
export function parseInstruction(text: string): Instruction {
  const prefixes: string[] = [];
  let rest = text.trim();
  for (;;) {
    const m = /^([a-z0-9.]+)(\s+|$)/i.exec(rest);
    if (!m) throw new AsmSyntaxError(`cannot parse '${text.trim()}'`);
    const word = m[1]!.toLowerCase();
    rest = rest.slice(m[0].length);
    if (PREFIXES.has(word) && rest.length > 0 && /^[a-z]/i.test(rest)) {
      prefixes.push(word);
      continue;
    }
    if (PREFIXES.has(word) && rest.length === 0) {
      // a prefix on a line of its own applies to the next statement: keep it as a mnemonic
      return { prefixes, mnemonic: word, operands: [] };
    }
    const operands = rest.trim() === '' ? [] : splitOutside(rest, ',', true).map(parseOperand);
    return { prefixes, mnemonic: word, operands };
  }
}

function formatOperand(op: Operand): string {
  const star = op.kind !== 'imm' && op.indirect ? '*' : '';
  switch (op.kind) {
    case 'imm':
      return op.text;
    case 'reg':
      return `${star}%${op.name}`;
    case 'expr':
      return `${star}${op.text}`;
    case 'mem': {
      const seg = op.segment ? `%${op.segment}:` : '';
      const parts = [op.base ? `%${op.base}` : ''];
      if (op.index !== undefined || op.scale !== undefined) parts.push(op.index ? `%${op.index}` : '');
      if (op.scale !== undefined) parts.push(op.scale);
      const addr = op.base === undefined && op.index === undefined ? '' : `(${parts.join(',')})`;
      return `${star}${seg}${op.disp}${addr}`;
    }
  }
}

export function formatInstruction(ins: Instruction): string {
  const head = [...ins.prefixes, ins.mnemonic].join(' ');
  return ins.operands.length === 0 ? head : `${head}\t${ins.operands.map(formatOperand).join(', ')}`;
}
