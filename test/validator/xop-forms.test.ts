// The XOP-encoded forms inside NaCl's grammar (TBM, LWP, bextr with an immediate), against a model
// of that grammar built here from the .def lines by the rules of NaCl's generator (gen_dfa.py):
// no prefixes; the W/vvvv/L/pp bits as the line writes them (W and a named vvvv free); the
// inverted R/X/B bits 0 only where they extend a register the form names (R: a G operand; B: an
// r/m register or a base; X: a SIB index); ModRM.reg by /n; R operands need mod = 11.
// Every encoding of those forms and of near-miss slots, over all RXB bits, W/vvvv/L/pp values and
// ModRM/SIB shapes, is put in its own bundle with a probe after it, and both walks must give:
// for a grammar form, "unrecognized instruction" plus its own memory / register-write errors and
// the probe's error (the walk went on), with the next instruction a jump target; for anything else,
// "unrecognized instruction" alone (the rest of the bundle dropped).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainUnrecognized } from '../../src/validator/explain-unrecognized.ts';
import { validateChunk, type ValidateOptions } from '../../src/validator/index.ts';
import { Message } from '../../src/validator/messages.ts';
import { XOP_FORMS } from '../../src/validator/xop-forms.ts';
import { readDefFile, writtenOperands, type DefEntry } from './def-file.ts';
import { defsDir, hexBytes, padNops, sharedPresent, skipNote } from './shared-data.ts';
import { walkDifference } from './walk-difference.ts';

skipNote('XOP grammar forms against the .def lines');

/** One .def line as gen_dfa.py reads it. */
interface GrammarForm {
  where: string;
  name: string;
  map: number;
  opcode: number;
  /** ModRM.reg from /n, or -1. */
  ext: number;
  w: string;
  vvvv: string;
  l: number;
  pp: number;
  rMatters: boolean;
  /** 'E' register or memory, 'R' register only, 'M' memory only. */
  rm: string;
  immBytes: number;
  /** Where the written GPR is: 'B' vvvv, 'G' ModRM.reg, 'E'/'R' ModRM.rm, or '' none. */
  dest: string;
}

function grammarForms(): GrammarForm[] {
  if (!sharedPresent) return [];
  const lines: DefEntry[] = readDefFile(path.join(defsDir, 'general_purpose_instructions.def'), 'general_purpose_instructions.def');
  return lines
    .filter((e) => e.opcode[0] === '0x8f' && e.opcode[1]?.startsWith('RXB.') && !e.attrs.has('disabled_untested'))
    .filter((e) => !e.attrs.has('nacl-forbidden') && !e.attrs.has('nacl-amd64-forbidden'))
    .map((e) => {
      const mapText = e.opcode[1]!.slice(4);
      const [w, vvvv, l, pp] = e.opcode[2]!.split('.') as [string, string, string, string];
      const slash = e.opcode.find((t) => /^\/[0-7]$/.test(t));
      const ops = e.operands.filter((o) => !o.implicit);
      const imm = ops.find((o) => o.type === 'I');
      const written = writtenOperands(ops).filter((o) => 'BGER'.includes(o.type));
      return {
        where: e.where,
        name: e.name,
        map: mapText.length === 5 ? parseInt(mapText, 2) : parseInt(mapText, 16),
        opcode: parseInt(e.opcode[3]!, 16),
        ext: slash ? Number(slash[1]) : -1,
        w,
        vvvv,
        l: Number(l),
        pp: parseInt(pp, 2),
        rMatters: ops.some((o) => o.type === 'G'),
        rm: ops.find((o) => 'ERM'.includes(o.type))!.type,
        immBytes: imm === undefined ? 0 : ({ b: 1, w: 2, d: 4 } as Record<string, number>)[imm.size]!,
        dest: written.length === 1 ? written[0]!.type : '',
      };
    });
}

/** What the model says of `bytes`: the instruction's length and own errors, or undefined (outside the grammar). */
function modelOf(forms: GrammarForm[], bytes: Uint8Array): { name: string; length: number; errors: string[] } | undefined {
  if (bytes[0] !== 0x8f || bytes.length < 5) return undefined;
  const [, b1, b2, opcode, modrm] = bytes as unknown as number[];
  const mod = modrm! >> 6;
  const reg = (modrm! >> 3) & 7;
  const rm = modrm! & 7;
  const notR = b1! >> 7;
  const notX = (b1! >> 6) & 1;
  const notB = (b1! >> 5) & 1;
  // The address mode gen_dfa.py prints, with whether X and B may extend something there.
  let mode: 'register' | 'disp' | 'rip' | 'single' | 'sibPureIndex' | 'sibBaseIndex';
  if (mod === 3) mode = 'register';
  else if (rm === 4) mode = mod === 0 && ((bytes[5] ?? 0) & 7) === 5 ? 'sibPureIndex' : 'sibBaseIndex';
  else if (mod === 0 && rm === 5) mode = 'rip';
  else if (mod === 0) mode = 'single';
  else mode = 'disp';
  const xMatters = mode === 'sibPureIndex' || mode === 'sibBaseIndex';
  const bMatters = mode === 'register' || mode === 'disp' || mode === 'single' || mode === 'sibBaseIndex';
  const f = forms.find((g) => {
    if (g.map !== (b1! & 31) || g.opcode !== opcode || (g.ext >= 0 && g.ext !== reg)) return false;
    if (((b2! >> 2) & 1) !== g.l || (b2! & 3) !== g.pp) return false;
    if (g.w !== 'W' && String(b2! >> 7) !== g.w) return false;
    if (g.vvvv === '1111' && ((b2! >> 3) & 15) !== 15) return false;
    if (g.rm === 'R' && mode !== 'register') return false;
    if (g.rm === 'M' && mode === 'register') return false;
    if (!g.rMatters && notR === 0) return false;
    return !(!xMatters && notX === 0) && !(!bMatters && notB === 0);
  });
  if (!f) return undefined;
  const sibLength = mode === 'sibPureIndex' || mode === 'sibBaseIndex' ? 1 : 0;
  const dispLength = mode === 'rip' || mode === 'sibPureIndex' || mod === 2 ? 4 : mod === 1 ? 1 : 0;
  const length = 5 + sibLength + dispLength + f.immBytes;
  const errors = [Message.Unrecognized as string];
  if (mode !== 'register' && mode !== 'rip') {
    const sib = bytes[5]!;
    const base = mode === 'sibPureIndex' ? -1 : ((mode === 'sibBaseIndex' ? sib : modrm!) & 7) | ((notB ^ 1) << 3);
    const index = xMatters ? ((sib >> 3) & 7) | ((notX ^ 1) << 3) : 4;
    if (base !== 15 && base !== 4 && base !== 5) errors.push(Message.BadBase);
    else if (index !== 4) errors.push(Message.BadIndex); // nothing is restricted at a bundle start
  }
  const written = f.dest === 'B' ? (~b2! >> 3) & 15 : f.dest === 'G' ? reg | ((notR ^ 1) << 3) : f.dest === 'E' || f.dest === 'R' ? (mode === 'register' ? rm | ((notB ^ 1) << 3) : -1) : -1;
  if (written === 15) errors.push(Message.R15Changed);
  if (written === 4) errors.push(Message.SpChanged);
  if (written === 5) errors.push(Message.BpChanged);
  return { name: f.name, length, errors };
}

/** The (map, opcode) slots of the forms plus near misses around them. */
function slots(forms: GrammarForm[]): [number, number][] {
  const out = new Map<string, [number, number]>();
  for (const f of forms) out.set(`${f.map}:${f.opcode}`, [f.map, f.opcode]);
  for (const s of [[9, 0x03], [9, 0x10], [9, 0x13], [0x0a, 0x01], [0x0a, 0x11], [8, 0x01], [0x0b, 0x10], [0x19, 0x01]] as [number, number][]) out.set(`${s[0]}:${s[1]}`, s);
  return [...out.values()];
}

/** Third-byte values: W x vvvv (none, %r15, %rsp, %rbp, %rbx) with L = 0, pp = 00, and L/pp near misses. */
const THIRD_BYTES = [
  ...[0, 1].flatMap((w) => [0b1111, 0b0000, 0b1011, 0b1010, 0b1100].map((v) => (w << 7) | (v << 3))),
  (0b1111 << 3) | 4, (0b1111 << 3) | 1, (0b1111 << 3) | 2, (0b1111 << 3) | 3,
];
/** ModRM + SIB shapes: every mod and reg, with r/m %rax, %rbp/%rip, %rdi/%r15 and three SIBs. */
const RM_SHAPES: number[][] = [0, 1, 2, 3].flatMap((mod) =>
  [0, 1, 2, 3, 4, 5, 6, 7].flatMap((reg) => {
    const m = (mod << 6) | (reg << 3);
    const shapes = [[m | 0], [m | 5], [m | 7]];
    // SIB: (%r7 or %r15, no index); (no base or %rbp/%r13, index %rax/%r8); (%rsp/%r12, index %rcx/%r9)
    if (mod !== 3) shapes.push([m | 4, 0x27], [m | 4, 0x05], [m | 4, 0x0c]);
    return shapes;
  }),
);

/** mov %eax,(%rbx): a memory write through an unsandboxed register (bad base), the probe after each instruction. */
const PROBE = [0x89, 0x03];

function encodingsUnderTest(forms: GrammarForm[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const [map, opcode] of slots(forms)) {
    for (let rxb = 0; rxb < 8; rxb++) {
      for (const b2 of THIRD_BYTES) {
        for (const shape of RM_SHAPES) {
          const head = [0x8f, (rxb << 5) | map, b2, opcode, ...shape];
          const mod = shape[0]! >> 6;
          // Displacement and immediate bytes: enough for the longest form (disp32 + imm32).
          const tail = mod === 1 ? 1 : mod === 2 || (mod === 0 && ((shape[0]! & 7) === 5 || (shape[1] ?? 0) === 0x05)) ? 4 : 0;
          out.push(Uint8Array.from([...head, ...new Array<number>(tail).fill(0x11)]));
        }
      }
    }
  }
  return out;
}

describe.skipIf(!sharedPresent)('XOP forms of NaCl\'s grammar, against the .def lines', () => {
  const forms = grammarForms();

  it('finds the 14 XOP-encoded lines outside disabled_untested, and our table lists the same forms', () => {
    expect(forms.map((f) => f.name).sort()).toEqual(['bextr', 'blcfill', 'blci', 'blcic', 'blcmsk', 'blcs', 'blsfill', 'blsic', 'llwpcb', 'lwpins', 'lwpval', 'slwpcb', 't1mskc', 'tzmsk']);
    const key = (name: string, map: number, opcode: number, ext: number, imm: number) => `${name} ${map}/${opcode.toString(16)}/${ext} imm${imm}`;
    expect(XOP_FORMS.map((f) => key(f.mnemonic, f.map, f.opcode, f.ext, f.immBytes)).sort())
      .toEqual(forms.map((f) => key(f.name, f.map, f.opcode, f.ext, f.immBytes)).sort());
  });

  it('gives every encoding of the forms and of near-miss slots the grammar\'s verdict, and validates what follows exactly for the grammar\'s forms', () => {
    const encodings = encodingsUnderTest(forms);
    // Each encoding in its own bundle, where the model's length (or 15 bytes) is followed by the probe.
    const code = new Uint8Array(encodings.length * 32).fill(0x90);
    const expected: string[][] = [];
    const afterAt: number[] = [];
    const seen = new Set<string>();
    let accepted = 0;
    encodings.forEach((enc, i) => {
      const at = i * 32;
      const model = modelOf(forms, enc);
      const length = model?.length ?? enc.length;
      code.set(enc.subarray(0, length), at);
      // Immediates of the longest forms: filler bytes up to the probe.
      code.fill(0x22, at + enc.length, at + length);
      code.set(PROBE, at + length);
      afterAt.push(model ? at + length : -1);
      if (model) {
        accepted++;
        seen.add(model.name);
        expected.push([...model.errors.map((m) => `0: ${m}`), `${length.toString(16)}: ${Message.BadBase}`].sort());
      } else {
        expected.push([`0: ${Message.Unrecognized}`]);
      }
    });
    expect([...seen].sort()).toEqual(forms.map((f) => f.name).sort());
    expect(accepted).toBeGreaterThan(1000);
    expect(encodings.length - accepted).toBeGreaterThan(1000);
    for (const options of [{}, { cache: false }] as ValidateOptions[]) {
      const result = validateChunk(code, options);
      const got: string[][] = encodings.map(() => []);
      for (const e of result.errors) got[e.offset >> 5]!.push(`${(e.offset & 31).toString(16)}: ${e.message}`);
      const bad: string[] = [];
      encodings.forEach((_, i) => {
        const at = i * 32;
        const want = expected[i]!;
        const have = got[i]!.sort();
        const hex = Buffer.from(code.subarray(at, at + 16)).toString('hex');
        if (JSON.stringify(have) !== JSON.stringify(want)) bad.push(`${hex}: want ${want.join(', ')}; got ${have.join(', ')}`);
        // Jump targets inside the bundle: after a grammar form, its next instruction (the probe) and
        // nothing inside it; after anything else, nothing at all.
        const last = afterAt[i]! >= 0 ? afterAt[i]! : at + 31;
        for (let k = at + 1; k <= last; k++) {
          const isTarget = (result.boundaries[k >> 3]! >> (k & 7)) & 1;
          if (isTarget !== (k === afterAt[i] ? 1 : 0)) {
            bad.push(`${hex}: offset ${k - at} is ${isTarget ? '' : 'not '}a jump target`);
            break;
          }
        }
      });
      expect(bad.slice(0, 20), `${bad.length} of ${encodings.length} bundles differ (${JSON.stringify(options)})`).toEqual([]);
    }
    expect(walkDifference(code, {})).toBe('');
  });
});

describe('XOP forms of NaCl\'s grammar: the walk goes on after them', () => {
  const errorsOf = (hex: string, options: ValidateOptions = {}) =>
    validateChunk(padNops(hexBytes(hex)), options).errors.map((e) => `${e.offset}: ${e.message}`);
  // blcfill %eax,%ecx (8f e9 70 01 c8): 5 bytes; bextr $0,%eax,%ecx (8f ea 78 10 c8 + imm32): 9 bytes
  const BLCFILL = '8fe97001c8';
  const BEXTR = '8fea7810c800000000';

  it('reports a later bad write, bad index, unmasked jump and %r15 write in the same bundle', () => {
    for (const cache of [true, false]) {
      expect(errorsOf(`${BLCFILL}8903`, { cache })).toEqual([`0: ${Message.Unrecognized}`, `5: ${Message.BadBase}`]);
      expect(errorsOf(`${BEXTR}418b0407`, { cache })).toEqual([`0: ${Message.Unrecognized}`, `9: ${Message.BadIndex}`]);
      expect(errorsOf(`${BLCFILL}ffe0`, { cache })).toEqual([`0: ${Message.Unrecognized}`, `5: ${Message.Unrecognized}`]);
      expect(errorsOf(`${BEXTR}4d89c7`, { cache })).toEqual([`0: ${Message.Unrecognized}`, `9: ${Message.R15Changed}`]);
      // A valid instruction after it adds nothing.
      expect(errorsOf(`${BLCFILL}418b07`, { cache })).toEqual([`0: ${Message.Unrecognized}`]);
      // Outside the grammar (XOP.L = 1): the rest of the bundle is not looked at.
      expect(errorsOf('8fe97401c88903', { cache })).toEqual([`0: ${Message.Unrecognized}`]);
    }
  });

  it('makes the next instruction a jump target, never its own inside', () => {
    // jmp from the next bundle back to offset 5 (after blcfill) and to offset 2 (inside it)
    for (const cache of [true, false]) {
      const to = (target: number) => `${BLCFILL}${'90'.repeat(27)}eb${((target - 34) & 0xff).toString(16).padStart(2, '0')}`;
      expect(errorsOf(to(5), { cache })).toEqual([`0: ${Message.Unrecognized}`]);
      expect(errorsOf(to(2), { cache })).toEqual([`0: ${Message.Unrecognized}`, `32: ${Message.BadJumpTarget}`]);
      // After an XOP encoding outside the grammar, nothing in the bundle is a target.
      expect(errorsOf(to(5).replace('8fe97001c8', '8fe97401c8'), { cache })).toEqual([`0: ${Message.Unrecognized}`, `32: ${Message.BadJumpTarget}`]);
    }
  });

  it('checks its memory operand with the restricted register, as any instruction', () => {
    // blcfill (%r15,%rax,1),%ecx: 8f c9 70 01 0c 07
    for (const cache of [true, false]) {
      expect(errorsOf('8fc970010c07', { cache })).toEqual([`0: ${Message.Unrecognized}`, `0: ${Message.BadIndex}`]);
      const r = validateChunk(padNops(hexBytes('89c08fc970010c07')), { cache });
      expect(r.errors.map((e) => `${e.offset}: ${e.message}`)).toEqual([`2: ${Message.Unrecognized}`]);
      expect((r.boundaries[0]! >> 2) & 1).toBe(0); // bound to the mov before it
      // %rsp as the written register (vvvv = 0100, W = 1): "%spl or %sp is changed"
      expect(errorsOf('8fe9d801c8', { cache })).toEqual([`0: ${Message.Unrecognized}`, `0: ${Message.SpChanged}`]);
    }
  });

  it('says which extension it is when explaining the report', () => {
    const code = padNops(hexBytes(`${BLCFILL}8903`));
    expect(explainUnrecognized(code, 0).rule).toMatch(/^blcfill: .*TBM/);
    expect(explainUnrecognized(padNops(hexBytes('8fe97401c8')), 0).rule).toMatch(/do not decode/);
  });

  it('reads a short bundle tail as outside the grammar (crossing the bundle end)', () => {
    for (const cache of [true, false]) {
      // bextr with its immediate cut by the bundle end at 32
      const hex = `${'90'.repeat(26)}${BEXTR}`;
      expect(errorsOf(hex, { cache }).filter((e) => parseInt(e) < 32)).toEqual([`26: ${Message.Unrecognized}`]);
    }
  });
});
