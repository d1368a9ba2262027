// Coverage against NaCl's own instruction definitions (../shared/nacl/instruction-definitions/*.def,
// read where they lie): every x86-64 form they list, encoded with each operand size, prefix and VEX
// variant the line allows (random registers, memory forms and immediates), must decode with our
// decoder to a form of our table with the same number of explicit operands, and agree with iced-x86.
// Forms of extensions our table refuses by design (XOP, TBM, FMA4, LWP) must have their length known.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decoded, DecodeError, decodeFast, formAt, OperandKind } from '../../src/decoder/index.ts';
import { compareAt, describe as describeDis, newTally, record } from './compare.ts';
import { rng } from './encode-form.ts';
import { IcedOracle } from './iced-oracle.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const DEFS = join(resolve(repoRoot, '..', 'shared'), 'nacl', 'instruction-definitions');
const haveDefs = existsSync(DEFS);
if (!haveDefs) console.log(`nacl-defs: skipped: ${DEFS} is absent (../shared not checked out)`);

interface DefLine {
  file: string;
  name: string;
  operands: string[];
  opcode: string[];
  attrs: string[];
}

/** Reads a .def file: comments dropped, continuation lines (leading blanks) joined. */
function readDefs(file: string): DefLine[] {
  const joined: string[] = [];
  for (const raw of readFileSync(join(DEFS, file), 'utf8').split('\n')) {
    if (raw.startsWith('#') || raw.trim() === '') continue;
    if (/^\s/.test(raw) && joined.length > 0) joined[joined.length - 1] += ` ${raw.trim()}`;
    else joined.push(raw.trim());
  }
  return joined.map((l) => {
    const cols = l.split(/,\s+/);
    // A quoted name ("nop/reserved", "pushq %fs") may be followed by operands.
    const quoted = /^("[^"]*")\s*(.*)$/.exec(cols[0]);
    const head = quoted ? [quoted[1], ...quoted[2].split(/\s+/).filter(Boolean)] : cols[0].split(/\s+/);
    return {
      file, name: head[0], operands: head.slice(1), opcode: (cols[1] ?? '').split(/\s+/).filter(Boolean),
      attrs: (cols[2] ?? '').split(/\s+/).filter(Boolean),
    };
  });
}

const MODRM_TYPES = new Set(['E', 'G', 'M', 'R', 'N', 'P', 'Q', 'U', 'V', 'W', 'C', 'D', 'S']);
const REFUSED_FEATURES = ['CPUFeature_XOP', 'CPUFeature_TBM', 'CPUFeature_FMA4', 'CPUFeature_LWP'];

function parseOperand(o: string): { type: string; size: string; implicit: boolean } {
  const s = o.replace(/^[=!&']/, '');
  return { type: s[0], size: s.slice(1).replace(/\*$/, ''), implicit: s.endsWith('*') };
}

/** Byte strings for one def line (several operand sizes / VEX variants), or [] when not encodable here. */
function encodings(line: DefLine, rand: () => number): Uint8Array[] {
  const int = (n: number): number => Math.floor(rand() * n);
  if (line.attrs.includes('ia32') || (line.name.startsWith('"') && line.operands.length === 0)) {
    // Literal byte lines (nops.def) are taken as they are; ia32-only forms are skipped.
    if (line.attrs.includes('ia32')) return [];
    return [Uint8Array.from(line.opcode.filter((t) => t.startsWith('0x')).map((t) => parseInt(t, 16)))];
  }
  const ops = line.operands.map(parseOperand);
  const explicitSized = ops.some((o) => o.size !== '' && o.size !== 'v' && o.size !== 'z' && o.size !== 'y' && 'EGIRMa'.includes(o.type));
  const toks = line.opcode;
  const hasData16 = toks.includes('data16');
  const hasRexw = toks.includes('rexw');
  const sizes: number[] = hasData16 ? [16] : hasRexw ? [64] : explicitSized ? [32] : [32, ...(line.attrs.includes('norexw') ? [] : [64])];
  const out: Uint8Array[] = [];
  const vexIndex = toks.findIndex((t, i) => (t === '0xc4' || t === '0x8f') && (toks[i + 1] ?? '').startsWith('RXB'));
  for (const size of sizes) {
    for (let variant = 0; variant < 2; variant++) {
      const bytes: number[] = [];
      let rest = toks;
      const rexW = size === 64 ? 1 : 0;
      let vexW = 0;
      if (hasData16) bytes.push(0x66);
      if (toks.includes('rep') || toks.includes('repz')) bytes.push(0xf3);
      if (toks.includes('repnz')) bytes.push(0xf2);
      rest = rest.filter((t) => !['data16', 'rexw', 'rep', 'repz', 'repnz'].includes(t));
      const needsModrm = rest.some((t) => /^\/[0-7]?$/.test(t)) || ops.some((o) => MODRM_TYPES.has(o.type));
      const rexR = int(2);
      const rexX = int(2);
      const rexB = line.attrs.includes('norex') ? 0 : int(2);
      if (vexIndex >= 0) {
        rest = rest.slice(rest.findIndex((t) => t === '0xc4' || t === '0x8f'));
        const escape = parseInt(rest[0], 16);
        const map = parseInt(rest[1].split('.')[1], 2) || parseInt(rest[1].split('.')[1], 16);
        const [wf, vf, lf, pf] = rest[2].split('.');
        vexW = wf === '1' ? 1 : wf === '0' ? 0 : wf === 'W' ? variant : int(2);
        const vvvv = vf === '1111' ? 0 : int(16);
        const l = lf === '1' ? 1 : lf === '0' ? 0 : lf === 'L' ? variant : int(2);
        bytes.push(escape, ((rexR ^ 1) << 7) | ((rexX ^ 1) << 6) | ((rexB ^ 1) << 5) | map,
          (vexW << 7) | ((~vvvv & 15) << 3) | (l << 2) | parseInt(pf, 2));
        rest = rest.slice(3);
      } else if (variant === 1 && !rexW) {
        continue;
      }
      // Bytes after the ModRM marker (/, /0../7) are a literal trailing immediate (cmp pseudo-ops).
      const slashAt = rest.findIndex((t) => /^\/[0-7]?$/.test(t));
      const hex = (slashAt >= 0 ? rest.slice(0, slashAt) : rest).filter((t) => t.startsWith('0x')).map((t) => parseInt(t, 16));
      const trailing = slashAt >= 0 ? rest.slice(slashAt + 1).filter((t) => t.startsWith('0x')).map((t) => parseInt(t, 16)) : [];
      // 3DNow!: 0F 0F ModRM ... opcode: the operation byte goes last.
      const now3d = vexIndex < 0 && hex[0] === 0x0f && hex[1] === 0x0f && hex.length === 3 ? hex.pop()! : -1;
      const slash = rest.find((t) => /^\/[0-7]$/.test(t));
      // Legacy mandatory-prefix bytes (0x66/0xf2/0xf3 written literally) come before REX.
      while (vexIndex < 0 && hex.length > 1 && (hex[0] === 0x66 || hex[0] === 0xf2 || hex[0] === 0xf3)) bytes.push(hex.shift()!);
      if (vexIndex < 0) {
        const rex = 0x40 | (rexW << 3) | (needsModrm ? (rexR << 2) | (rexX << 1) : 0) | rexB;
        if (rex !== 0x40) bytes.push(rex);
      }
      // Register-in-opcode operands (r) add a random register to the last opcode byte.
      if (ops.some((o) => o.type === 'r')) hex[hex.length - 1] += int(8);
      // x87 register forms: the second byte is a full ModRM (C0+i).
      const fixedModrm = hex.length >= 2 && hex[hex.length - 1] >= 0xc0 && (hex[0] & 0xf8) === 0xd8;
      if (fixedModrm && ops.some((o) => o.type === 'f' || o.type === 't')) hex[hex.length - 1] += int(8);
      bytes.push(...hex);
      if (needsModrm && !fixedModrm) {
        const memOnly = ops.some((o) => o.type === 'M');
        const regOnly = ops.some((o) => 'RNU'.includes(o.type));
        const mod = memOnly ? int(3) : regOnly ? 3 : variant === 0 ? 3 : int(3);
        let reg = slash ? Number(slash[1]) : int(8);
        if (ops.some((o) => o.type === 'S')) reg = int(6);
        if (ops.some((o) => o.type === 'C')) reg = [0, 2, 3, 4][int(4)];
        const rm = int(8);
        bytes.push((mod << 6) | (reg << 3) | rm);
        if (mod !== 3 && rm === 4) bytes.push(int(256));
        if (mod === 1) bytes.push(int(256));
        if (mod === 2 || (mod === 0 && rm === 5)) bytes.push(int(256), int(256), int(256), int(256));
        if (mod === 0 && rm === 4 && (bytes[bytes.length - 1] & 7) === 5) bytes.push(0, 0, 0, 0);
      }
      if (now3d >= 0) bytes.push(now3d);
      bytes.push(...trailing);
      for (const o of ops) {
        if (o.implicit) continue;
        const n = o.type === 'I' || o.type === 'J' || o.type === 'i'
          ? o.type === 'J' && o.size === 'w' ? 4 // 66 is ignored by near branches in 64-bit mode (Intel)
          : ({ b: 1, w: 2, d: 4, q: 8 } as Record<string, number>)[o.size] ??
            (o.size === 'v' && size === 64 && o.type === 'I' ? 8 : size === 16 && o.type === 'I' ? 2 : 4)
          : o.type === 'O' ? 8 : o.type === 'L' ? 1 : 0;
        for (let i = 0; i < n; i++) bytes.push(int(256));
      }
      out.push(Uint8Array.from(bytes));
    }
  }
  return out;
}

/** Operands of a def line that appear in the instruction (not implicit, not the x87 st0 forms' t). */
function explicitCount(line: DefLine): number {
  const slashAt = line.opcode.findIndex((t) => /^\/[0-7]?$/.test(t));
  // A literal byte after the ModRM marker is an immediate (cmp pseudo-ops), except for 3DNow!,
  // where it is the operation byte.
  const now3d = line.opcode[0] === '0x0f' && line.opcode[1] === '0x0f';
  const literalImm = !now3d && slashAt >= 0 && line.opcode.slice(slashAt + 1).some((t) => t.startsWith('0x')) ? 1 : 0;
  return line.operands.map(parseOperand).filter((o) => !o.implicit).length + literalImm;
}

describe.skipIf(!haveDefs)('NaCl instruction definitions are covered by our table', () => {
  it('every x86-64 form of the .def files decodes to a form of ours and agrees with iced-x86', () => {
    const files = readdirSync(DEFS).filter((f) => f.endsWith('.def'));
    const rand = rng(7);
    const cases: { line: DefLine; bytes: Uint8Array }[] = [];
    for (const f of files) for (const line of readDefs(f)) for (const b of encodings(line, rand)) cases.push({ line, bytes: b });
    expect(cases.length).toBeGreaterThan(2500);
    const SLOT = 32;
    const buf = new Uint8Array(cases.length * SLOT);
    cases.forEach((c, i) => buf.set(c.bytes.subarray(0, SLOT), i * SLOT));
    const oracle = new IcedOracle(buf);
    const d = new Decoded();
    const tally = newTally();
    const failures: string[] = [];
    let refused = 0;
    let operandMismatch = 0;
    let bothRefuse = 0;
    const mismatches: string[] = [];
    try {
      for (const [i, c] of cases.entries()) {
        const pos = i * SLOT;
        const r = decodeFast(buf, pos, pos + c.bytes.length, d);
        const where = `${c.line.file}: ${c.line.name} ${c.line.operands.join(' ')} ${Buffer.from(c.bytes).toString('hex')}`;
        if (REFUSED_FEATURES.some((x) => c.line.attrs.includes(x)) || c.line.opcode.includes('0x8f')) {
          refused++;
          const iced = oracle.decode(pos, false);
          if (!(r === DecodeError.Unsupported || r > 0) || (iced.valid && (r > 0 ? r : d.length) !== iced.length)) {
            failures.push(`${where}: refused extension, length ${r > 0 ? r : d.length} vs iced ${iced.length}`);
          }
          continue;
        }
        if (r <= 0) {
          // NaCl's tables are looser than the CPU in places (W/vvvv "don't care", lock mov cr):
          // a form both decoders refuse is not a coverage gap.
          if (oracle.decode(pos, false).valid) failures.push(`${where}: our decoder says ${r}`);
          else bothRefuse++;
          continue;
        }
        // Operand count: our visible operands vs the .def's explicit ones (x87 "st0" forms aside).
        const ours = formAt(d.form).operands.filter((o) => o.kind !== OperandKind.ImplicitMem && o.kind !== OperandKind.One).length;
        const theirs = explicitCount(c.line);
        // Not comparable: x87 (NaCl spells st(0) operands differently), quoted literal lines, and
        // forms whose implicit registers NaCl lists as operands (monitor, mwait) or whose operands
        // we spell like iced (reserved NOPs: Ev,Gv).
        const comparable = !/^f/.test(c.line.name) && !c.line.name.startsWith('"') &&
          !['monitor', 'mwait'].includes(c.line.name) && formAt(d.form).mnemonic !== 'reservednop';
        if (comparable && ours !== theirs) {
          operandMismatch++;
          if (mismatches.length < 40) mismatches.push(`${where}: ${ours} operands vs ${theirs}`);
          if (process.env.SHOW_OPERAND_DIFFS) console.log(`operands ${ours} vs ${theirs}: ${where} -> ${formAt(d.form).mnemonic}`);
        }
        record(tally, compareAt(buf, pos, pos + c.bytes.length, oracle, d, true));
      }
    } finally {
      oracle.free();
    }
    console.log(`nacl-defs: ${cases.length} encodings (${refused} of refused extensions, ${bothRefuse} refused by both decoders), iced: explained ${JSON.stringify(Object.fromEntries(tally.explained))}, unexplained ${tally.unexplainedCount}, operand-count differences ${operandMismatch}`);
    expect(failures.slice(0, 40)).toEqual([]);
    expect(mismatches).toEqual([]);
    expect(tally.unexplained.map(describeDis)).toEqual([]);
  });
});
