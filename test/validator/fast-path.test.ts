// The fast walk (header trie + shape table, the default) against the reference walk (exact decoding
// of every instruction, `cache: false`): identical errors (in order), boundaries and jump targets
// on the corpus under several option sets, random chunks, mutants, the fixtures' text and the
// benchmark blob, also after the trie has filled up and been emptied.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Feature } from '../../src/decoder/types.ts';
import { parseNexe } from '../../src/elf/index.ts';
import { clearFastWalkTables, trieNodeCount, TRIE_MAX_NODES } from '../../src/validator/fast-walk.ts';
import { validateChunk, validateNexeText, type ValidateOptions } from '../../src/validator/index.ts';
import { chunkArbitrary, corpusPieces, mutate } from './generators.ts';
import { walkDifference as difference } from './walk-difference.ts';
import { hexBytes, loadCorpus, naclDir, padNops, repoRoot, sharedPresent, skipNote } from './shared-data.ts';

const OPTION_SETS: readonly ValidateOptions[] = [
  { deterministic: false },
  {},
  { callAlignmentWarnings: true },
  // An interpreter-like profile: no AVX/x87, so feature errors show up.
  { features: [Feature.None, Feature.CMOV, Feature.SSE, Feature.SSE2, Feature.SSE3, Feature.SSSE3, Feature.POPCNT] },
];

const pieces = corpusPieces();
skipNote('fast/reference cross-check on the corpus and the benchmark blob');

describe('fast walk = reference walk', () => {
  it.skipIf(!sharedPresent)('on every corpus case, under every option set', () => {
    clearFastWalkTables();
    const diffs: string[] = [];
    for (const c of loadCorpus()) {
      for (const options of OPTION_SETS) {
        const d = difference(padNops(hexBytes(c.hex)), options);
        if (d !== '') diffs.push(`${c.name}: ${d}`);
      }
    }
    expect(diffs).toEqual([]);
  });

  it('on generated chunks and random bytes', () => {
    clearFastWalkTables();
    fc.assert(
      fc.property(chunkArbitrary(pieces), fc.nat({ max: OPTION_SETS.length - 1 }), (code, o) => {
        expect(difference(code, OPTION_SETS[o]!)).toBe('');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 96 }), fc.nat({ max: OPTION_SETS.length - 1 }), (bytes, o) => {
        expect(difference(padNops(bytes), OPTION_SETS[o]!)).toBe('');
      }),
      { numRuns: 3000 },
    );
  });

  it('on mutants of the corpus pieces and cases', () => {
    const seeds = sharedPresent ? loadCorpus().map((c) => hexBytes(c.hex)) : pieces;
    fc.assert(
      fc.property(
        fc.nat({ max: seeds.length - 1 }),
        fc.array(fc.tuple(fc.nat({ max: 2 }), fc.nat(), fc.nat({ max: 255 })), { minLength: 1, maxLength: 4 }),
        (which, edits) => {
          let bytes = seeds[which]!;
          for (const [kind, at, value] of edits) bytes = mutate(bytes, kind, at, value);
          expect(difference(padNops(bytes), { deterministic: false })).toBe('');
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on the fixtures\' text', () => {
    const dir = path.join(repoRoot, 'fixtures');
    const texts = readdirSync(dir).filter((f) => f.endsWith('.nexe')).map((f) => parseNexe(readFileSync(path.join(dir, f))).text.bytes);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) {
      const fast = validateNexeText(text);
      const reference = validateNexeText(text, { cache: false });
      expect(fast.errors).toEqual(reference.errors);
      expect(fast.boundaries).toEqual(reference.boundaries);
      expect(fast.jumpTargets).toEqual(reference.jumpTargets);
    }
  });

  it.skipIf(!existsSync(path.join(naclDir, 'bench-mixed-1MiB.bin')))('on the benchmark blob', () => {
    const blob = new Uint8Array(readFileSync(path.join(naclDir, 'bench-mixed-1MiB.bin')));
    for (const options of [OPTION_SETS[0]!, OPTION_SETS[3]!]) expect(difference(blob, options)).toBe('');
    expect(validateChunk(blob, { deterministic: false }).valid).toBe(true);
  });

  it('on instructions that share a header but differ after it', () => {
    // 3DNow! ops share `0f 0f ModRM` and differ in the trailing opcode byte (00 is undefined,
    // bb pswapd needs the extended feature); branches share a header and differ in displacement.
    const now3d = { features: [Feature.None, Feature.Now3D] } as const;
    const cases: [string, ValidateOptions][] = [
      ['0f0fc80d', now3d], ['0f0fc800', now3d], ['0f0fc8bb', now3d], ['0f0fc80d', now3d],
      ['0f0f0c240d', { deterministic: false }], ['0f0f0c2400', { deterministic: false }],
      ['eb10', {}], ['ebf0', {}], ['eb7f', {}], ['e800000000', {}], ['e8e0ffffff', {}], ['7405', {}], ['74fe', {}],
    ];
    clearFastWalkTables();
    for (const [hex, options] of cases) expect(difference(padNops(hexBytes(hex)), options)).toBe('');
  });

  it('on every 3DNow! opcode byte after every ModRM, with and without prefixes', () => {
    // The trie answers unprefixed 3DNow! headers for every trailing opcode byte at once (the byte
    // gives the feature), so each header is taught first by a defined opcode, then by an undefined one.
    const now3d = { features: [Feature.None, Feature.Now3D] } as const;
    for (const prefix of [[], [0x66], [0x41], [0xf3]]) {
      for (const firstSuffix of [0x0d, 0x00]) {
        clearFastWalkTables();
        for (let modrm = 0; modrm < 256; modrm++) {
          const mod = modrm >> 6;
          const sib = (modrm & 7) === 4 && mod !== 3 ? [0x3c] : [];
          const dispSize = mod === 1 ? 1 : mod === 2 || (mod === 0 && (modrm & 7) === 5) ? 4 : 0;
          const suffixes = [firstSuffix, ...Array.from({ length: 256 }, (_, i) => i)];
          const chunk = new Uint8Array(suffixes.length * 32).fill(0x90);
          suffixes.forEach((suffix, i) => {
            chunk.set([...prefix, 0x0f, 0x0f, modrm, ...sib, ...new Array<number>(dispSize).fill(0), suffix], i * 32);
          });
          for (const options of [{ deterministic: false }, now3d]) {
            const d = difference(chunk, options);
            if (d !== '') throw new Error(`prefix [${prefix}] modrm ${modrm.toString(16)}: ${d.slice(-300)}`);
          }
        }
      }
    }
  });

  it('on the sequences the trie holds whole, in and out of place', () => {
    // 89e4/89ed restrict %esp/%ebp; the add/or/lea %r15 forms that follow are whole trie paths, and so
    // are and/add/jmp|call groups on %eax..%edi (with near misses: other registers, displacements).
    const rebases = ['4c01fc', '4c01fd', '4c09fc', '4c09fd', '4903e7', '4903ef', '490be7', '490bef',
      '4a8d243c', '4a8d243d', '4a8d643c00', '4a8d643c01', '4a8d6c3d00', '4a8da43c00000000', '4a8dac3d00000000', '4a8dac3d00000100'];
    const branches: string[] = [];
    for (let n = 0; n < 8; n++) {
      const and = `83${(0xe0 | n).toString(16)}e0`;
      for (const add of [`4c01${(0xf8 | n).toString(16)}`, `4903${(0xc7 | (n << 3)).toString(16)}`, `4c01${(0xf8 | ((n + 1) & 7)).toString(16)}`]) {
        for (const b of [0xe0, 0xd0, 0xe0 | ((n + 3) & 7)]) branches.push(and + add + 'ff' + (b | n).toString(16));
      }
    }
    // string superinstructions, learnt as whole paths on their first match
    const rdi = ['89ff498d3c3f', '8bff498d3c3f', '4289ff498d3c3f'];
    const rsi = ['89f6498d3437', '428bf6498d3437'];
    const ops = ['aa', 'ab', 'f3aa', 'f348ab', '66ab', 'f366ab', 'a4', 'f3a4', 'f348a5', 'ae', 'f2ae', 'ac', 'a6', 'f3a6', '48a7'];
    const strings: string[] = [];
    for (const op of ops) {
      for (const r of rdi) strings.push(r + op);
      for (const r of rsi) strings.push(r + op, r + rdi[0] + op);
    }
    const cases: string[] = [];
    for (const b of branches) cases.push(b, `89c0${b}`, '90'.repeat(26) + b, '90'.repeat(24) + b);
    for (const x of strings) cases.push(x + x, `89e4${x}`, x + '90'.repeat(32 - x.length / 2) + x, '90'.repeat(30 - x.length / 2) + x + x);
    for (const r of rebases) {
      cases.push(`89e4${r}`, `89ed${r}`, r, `90${r}`);
      // the rebase cut by the bundle end, after its restriction
      cases.push('90'.repeat(28) + `89e4${r}`, '90'.repeat(29) + r);
    }
    clearFastWalkTables();
    for (const hex of cases) expect(difference(padNops(hexBytes(hex)), {})).toBe('');
    for (const hex of cases) expect(difference(padNops(hexBytes(hex)), { callAlignmentWarnings: true })).toBe('');
    // options without Feature.None: string instructions need no feature, so nothing changes
    for (const hex of cases) expect(difference(padNops(hexBytes(hex)), { features: [Feature.SSE2] })).toBe('');
  });

  it('after the header trie fills up and is emptied', () => {
    // Random bytes teach the trie many headers; once full it is emptied before the next chunk.
    let seed = 7;
    const random = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    let emptied = 0;
    let previous = trieNodeCount();
    for (let i = 0; i < 40000 && emptied < 2; i++) {
      const bytes = new Uint8Array(64);
      for (let k = 0; k < 48; k++) bytes[k] = random();
      bytes.fill(0x90, 48);
      const d = difference(bytes, { deterministic: false });
      if (d !== '') throw new Error(d);
      const now = trieNodeCount();
      expect(now).toBeLessThanOrEqual(TRIE_MAX_NODES);
      if (now < previous) emptied++;
      previous = now;
    }
    expect(emptied).toBeGreaterThan(0);
  });
});
