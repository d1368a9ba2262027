// Our AT&T text against GNU objdump's on hand-picked encodings where the two used to differ:
// words for unused prefixes (data16, cs...) and the compare pseudo-ops (cmpeqps, vcmpeq_uqpd).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeFull, formatAtt } from '../../src/decoder/index.ts';

const CASES = [
  // Hint NOPs as compilers pad with them, and repeated/unused prefixes elsewhere.
  '662e0f1f840000000000', '66662e0f1f840000000000', '6666662e0f1f840000000000', '66662e660f1f840000000000',
  '2e660f1f840000000000', '660f1f440000', '66660f1f440000', '2e0f1f4000', '6690', '666690', '662e90', '3690',
  '64660f1f440000', '3e660f1f440000', '2e8b00', '3e8b00', '268b00', '368b00', '2e01c0', '666601c0', '66668b00',
  '2e2e8b00', '64648b00', '2e648b00', '642e8b00', '66660f58c1', '2e0f58c1', '2e7400', '3effe0', '2ec3', '6490',
  '2ef00100', '66f3a5', '2ea4', '65660ff7c2', '66660ff7c2', '64652e660ff7c2',
  // Compare predicates: all eight legacy ones per form, all 32 VEX ones, and immediates without a name.
  ...[0, 1, 2, 3, 4, 5, 6, 7].flatMap((p) => [`0fc2c1${hex(p)}`, `660fc2c1${hex(p)}`, `f30fc201${hex(p)}`, `f20fc2c1${hex(p)}`]),
  ...Array.from({ length: 32 }, (_, p) => [`c5f0c2c2${hex(p)}`, `c5f5c20a${hex(p)}`]).flat(),
  '0fc2c108', '0fc2c1ff', 'c5f0c2c220',
];

function hex(n: number): string {
  return n.toString(16).padStart(2, '0');
}

/** objdump's text per case (the whole list in one binary, one instruction per case). */
function objdumpTexts(cases: string[]): string[] {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'zvm-objdump-')), 'cases.bin');
  writeFileSync(file, Buffer.from(cases.join(''), 'hex'));
  const out: string[] = [];
  for (const line of execFileSync('objdump', ['-D', '-b', 'binary', '-m', 'i386:x86-64', '-w', file], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s+[0-9a-f]+:\t[0-9a-f ]+\t(.*)$/.exec(line);
    if (m) out.push(m[1]);
  }
  return out;
}

const norm = (s: string): string => s.replace(/\s+#.*$/, '').replace(/\s+/g, ' ').trim();

describe('AT&T text against objdump', () => {
  it('prefix words and compare pseudo-ops read as objdump prints them', () => {
    const theirs = objdumpTexts(CASES);
    expect(theirs).toHaveLength(CASES.length);
    let offset = 0;
    const ours = CASES.map((h) => {
      const bytes = Uint8Array.from(Buffer.from(h, 'hex'));
      const r = decodeFull(bytes, 0, bytes.length);
      const base = offset; // objdump's address of this case (branch targets)
      offset += bytes.length;
      return r.ok && r.length === bytes.length ? norm(formatAtt(r, { base })) : `(${h} did not decode as one instruction)`;
    });
    expect(CASES.map((h, i) => `${h}: ${ours[i]}`)).toEqual(CASES.map((h, i) => `${h}: ${norm(theirs[i])}`));
  });
});
