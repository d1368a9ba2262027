// Our instruction table's NaCl facts against NaCl's own .def files, form by form: for each x86-64
// form listed there we build concrete encodings and check that our decoder + validator accept
// exactly the allowed ones, accept lock / rep / repnz / branch hints exactly where the .def does,
// treat exactly the zero-extending forms as restricting their 32-bit destination, and gate each
// form by the matching CPU feature.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFast, Decoded, Feature, formAt, allForms, NaclFact } from '../../src/decoder/index.ts';
import { validateChunk } from '../../src/validator/index.ts';
import { instances, readDefFile, writtenOperands, type DefEntry } from './def-file.ts';
import { defsDir, padNops, sharedPresent, skipNote } from './shared-data.ts';

skipNote('.def facts comparison');

/** NaCl's x86-64 policy (rules §11), in the .def files' feature names. */
const POLICY = new Set([
  'x87', 'CMOVx87', 'MMX', 'EMMXSSE', '3DNOW', 'E3DNOW', '3DPRFTCH', 'SSE', 'SSE2', 'SSE3', 'SSSE3', 'SSE41',
  'SSE42', 'SSE4A', 'AVX', 'AVX2', 'AVX_Lis2', 'FMA', 'MOVBE', 'LZCNT', 'TZCNT', 'POPCNT', 'CX8', 'CX16', 'CMOV',
  'CLFLUSH', 'LAHF', 'TSC',
]);

/** Which of our features may stand for a .def feature. */
const FEATURES: Record<string, number[]> = {
  x87: [Feature.X87], CMOVx87: [Feature.CMOV, Feature.X87], MMX: [Feature.MMX], EMMXSSE: [Feature.MMXExt, Feature.SSE],
  '3DNOW': [Feature.Now3D], E3DNOW: [Feature.Now3DExt], '3DPRFTCH': [Feature.Now3D, Feature.Now3DExt],
  SSE: [Feature.SSE], SSE2: [Feature.SSE2], SSE3: [Feature.SSE3], SSSE3: [Feature.SSSE3], SSE41: [Feature.SSE41],
  SSE42: [Feature.SSE42], SSE4A: [Feature.SSE4A], AVX: [Feature.AVX], AVX2: [Feature.AVX2],
  AVX_Lis2: [Feature.AVX, Feature.AVX2], FMA: [Feature.FMA], MOVBE: [Feature.MOVBE], LZCNT: [Feature.LZCNT],
  TZCNT: [Feature.BMI1, Feature.None], POPCNT: [Feature.POPCNT], CX8: [Feature.CX8], CX16: [Feature.CX16],
  CMOV: [Feature.CMOV], CLFLUSH: [Feature.CLFLUSH], LAHF: [Feature.LAHF], TSC: [Feature.TSC],
};
const NO_FEATURE = [Feature.None, Feature.CPUID];

/**
 * Where NaCl's .def labels a form with another CPUID bit than the one the CPU really checks, our
 * table keeps the CPU's bit (the interpreter's profile is stated in those terms). Both bits are in
 * NaCl's policy, so acceptance is the same. [mnemonic pattern, .def feature, our feature, why]
 */
const LABEL_DIFFERENCES: [RegExp, string, number, string][] = [
  [/^set/, 'CMOV', Feature.None, 'setcc is base x86-64'],
  [/^cvtt?p[si]2p[si]$/, 'SSE2', Feature.SSE, 'the MMX-operand conversions are SSE'],
  [/^addsubp[sd]$/, 'SSE', Feature.SSE3, 'addsubps/pd are SSE3'],
  [/^addsubpd$/, 'SSE2', Feature.SSE3, 'addsubpd is SSE3'],
  [/^pinsrw$/, 'SSE', Feature.SSE2, 'the xmm form of pinsrw is SSE2'],
  [/^fisttp$/, 'x87', Feature.SSE3, 'fisttp came with SSE3'],
  [/^pmaddubsw$/, 'MMX', Feature.SSSE3, 'pmaddubsw (also on mm registers) is SSSE3'],
  [/^vbroadcasts[sd]$/, 'AVX2', Feature.AVX, "the memory form is AVX (NaCl's line covers register and memory)"],
];

function entries(): DefEntry[] {
  if (!sharedPresent) return [];
  return readdirSync(defsDir)
    .filter((f) => f.endsWith('.def'))
    .flatMap((f) => readDefFile(path.join(defsDir, f), f))
    .filter((e) => !e.attrs.has('ia32'))
    // Disassembly aliases that spell an immediate as an opcode suffix (cmpeqps = cmpps $0 ...):
    // the general form with the immediate decides.
    .filter((e) => !(e.opcode.includes('/') && !e.opcode.join(' ').startsWith('0x0f 0x0f')));
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const withPrefix = (p: number, b: Uint8Array) => new Uint8Array([p, ...b]);
const accepted = (b: Uint8Array) => validateChunk(padNops(b), { deterministic: false }).valid;

interface Expectation {
  allowed: boolean;
  where: string[];
}

/** Expectations merged by byte string: an encoding is allowed if any .def line allows it. */
class Expectations {
  readonly map = new Map<string, { bytes: Uint8Array; e: Expectation }>();
  add(bytes: Uint8Array, allowed: boolean, where: string): void {
    const k = hex(bytes);
    const old = this.map.get(k);
    if (old) {
      old.e.allowed ||= allowed;
      old.e.where.push(where);
    } else this.map.set(k, { bytes, e: { allowed, where: [where] } });
  }
  mismatches(): string[] {
    const out: string[] = [];
    for (const [k, { bytes, e }] of this.map) {
      const got = accepted(bytes);
      if (got !== e.allowed) out.push(`${k}: .def ${e.allowed ? 'allows' : 'refuses'}, we ${got ? 'accept' : 'refuse'} (${e.where.slice(0, 3).join(', ')})`);
    }
    return out.sort();
  }
}

describe.skipIf(!sharedPresent)('NaCl facts of our table against the .def files', () => {
  const all = entries();
  const lineAllowed = (e: DefEntry) => {
    if (e.attrs.has('nacl-forbidden') || e.attrs.has('nacl-amd64-forbidden') || e.attrs.has('disabled_untested')) return false;
    return [...e.attrs].filter((a) => a.startsWith('CPUFeature_')).every((a) => POLICY.has(a.slice(11)));
  };

  it('reads the definition files', () => {
    expect(all.length).toBeGreaterThan(1500);
  });

  it('accepts exactly the forms (and branch-hinted forms) the .def files allow', () => {
    const plain = new Expectations();
    for (const e of all) {
      const allowed = lineAllowed(e);
      for (const inst of instances(e)) {
        plain.add(inst.bytes, allowed && !e.attrs.has('branch_hint') ? allowed : allowed || false, e.where);
        if (e.attrs.has('branch_hint')) plain.add(withPrefix(0x3e, inst.bytes), allowed, e.where);
      }
    }
    const bad = plain.mismatches();
    expect(bad, `${bad.length} of ${plain.map.size} encodings disagree:\n${bad.join('\n')}`).toEqual([]);
  });

  it('accepts lock, rep and repnz exactly where the .def files do', () => {
    const prefixed = new Expectations();
    for (const e of all) {
      if (!lineAllowed(e)) continue;
      for (const inst of instances(e)) {
        if (inst.memory && !inst.bytes.includes(0xc4)) prefixed.add(withPrefix(0xf0, inst.bytes), e.attrs.has('lock'), e.where);
        if (inst.legacyMap && inst.opcodeByte !== 0x90 && !e.quoted) {
          prefixed.add(withPrefix(0xf3, inst.bytes), e.attrs.has('rep') || e.attrs.has('condrep'), e.where);
          prefixed.add(withPrefix(0xf2, inst.bytes), e.attrs.has('condrep'), e.where);
        }
      }
    }
    const bad = prefixed.mismatches();
    expect(bad, `${bad.length} of ${prefixed.map.size} encodings disagree:\n${bad.join('\n')}`).toEqual([]);
  });

  it('restricts a 32-bit destination exactly for the zero-extending forms', () => {
    const bad: string[] = [];
    let checked = 0;
    for (const e of all) {
      if (!lineAllowed(e) || writtenOperands(e.operands).length !== 1) continue;
      for (const inst of instances(e)) {
        if (inst.size !== 32 || inst.destGpr < 0 || !accepted(inst.bytes)) continue;
        // mov (%r15,%rDEST,1),%eax right after it
        const use = new Uint8Array([...inst.bytes, 0x41, 0x8b, 0x04, (inst.destGpr << 3) | 7]);
        const restricts = accepted(use);
        checked++;
        if (restricts !== e.attrs.has('nacl-amd64-zero-extends')) {
          bad.push(`${hex(inst.bytes)}: .def ${e.attrs.has('nacl-amd64-zero-extends') ? 'zero-extends' : 'does not zero-extend'}, we ${restricts ? 'do' : "don't"} (${e.where})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
    expect(bad, bad.join('\n')).toEqual([]);
  });

  it('gates each allowed form by the matching CPU feature', () => {
    const d = new Decoded();
    const bad: string[] = [];
    for (const e of all) {
      if (!lineAllowed(e) || e.quoted) continue;
      const defFeatures = [...e.attrs].filter((a) => a.startsWith('CPUFeature_')).map((a) => a.slice(11));
      const wanted = defFeatures.length === 0 ? NO_FEATURE : defFeatures.flatMap((f) => FEATURES[f] ?? []);
      for (const inst of instances(e)) {
        if (decodeFast(inst.bytes, 0, inst.bytes.length, d) <= 0) continue;
        const form = formAt(d.form);
        const known = LABEL_DIFFERENCES.some(([m, def, ours]) => m.test(form.mnemonic) && defFeatures.includes(def) && form.feature === ours);
        if (!wanted.includes(form.feature) && !known) bad.push(`${hex(inst.bytes)} ${form.mnemonic}: .def ${defFeatures.join('+') || 'none'}, ours ${form.feature} (${e.where})`);
      }
    }
    expect(bad, `${bad.length} disagree:\n${bad.join('\n')}`).toEqual([]);
  });

  it('marks lock, rep and zero-extension in the form records consistently with behaviour', () => {
    // The validator reads these bits; make sure a form flagged lock-able has a memory form, etc.
    const bad = allForms().filter((f) => (f.nacl & NaclFact.LockAllowed) !== 0 && f.mod === 1).map((f) => f.mnemonic);
    expect(bad).toEqual([]);
  });
});
