// Differential test on real code: every instruction of a large sample of the .text of node itself
// and of libstdc++/libc, decoded by our decoder and by iced-x86 (validity, length, mnemonic, text).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Decoded } from '../../src/decoder/index.ts';
import { compareAt, describe as describeDis, newTally, record } from './compare.ts';
import { IcedOracle } from './iced-oracle.ts';

const dir = mkdtempSync(join(tmpdir(), 'zvm-dec-'));

/** The .text section of an ELF file, extracted with objcopy. */
export function textOf(file: string): Uint8Array {
  const out = join(dir, `${file.replace(/[^a-z0-9]/gi, '_')}.text`);
  execFileSync('objcopy', ['-O', 'binary', '--only-section=.text', file, out]);
  return new Uint8Array(readFileSync(out));
}

const LIBS = ['/usr/lib/x86_64-linux-gnu/libstdc++.so.6', '/usr/lib/x86_64-linux-gnu/libc.so.6',
  '/lib/x86_64-linux-gnu/libstdc++.so.6', '/lib/x86_64-linux-gnu/libc.so.6'];

function run(code: Uint8Array, start: number, bytes: number, withText: boolean) {
  const oracle = new IcedOracle(code);
  const d = new Decoded();
  const tally = newTally();
  const end = code.length;
  let pos = start;
  try {
    while (pos < end && pos < start + bytes) {
      const dis = compareAt(code, pos, end, oracle, d, withText);
      record(tally, dis);
      // Follow iced's instruction stream (skip one byte where iced finds no instruction).
      const iced = oracle.decode(pos, false);
      pos += iced.valid ? iced.length : 1;
    }
  } finally {
    oracle.free();
  }
  return tally;
}

describe('our decoder agrees with iced-x86 on real x86-64 code', () => {
  it('node executable .text (0.75 MB with text, 1 MB lengths/mnemonics)', () => {
    const code = textOf(process.execPath);
    expect(code.length).toBeGreaterThan(4_000_000);
    // Sample from the middle of the text too: the start of a binary is not representative.
    const a = run(code, Math.floor(code.length / 2), 750_000, true);
    const b = run(code, 0, 1_000_000, false);
    for (const t of [a, b]) {
      console.log(`node: ${t.compared} instructions, explained ${JSON.stringify(Object.fromEntries(t.explained))}, unexplained ${t.unexplainedCount}`);
      expect(t.unexplained.map(describeDis)).toEqual([]);
    }
    expect(a.compared + b.compared).toBeGreaterThan(350_000);
  });

  const libs = LIBS.filter((f) => existsSync(f));
  it('libstdc++ .text (whole, with text) and libc .text (whole, lengths/mnemonics)', () => {
    expect(libs.length).toBeGreaterThanOrEqual(2);
    let total = 0;
    for (const [i, lib] of libs.slice(0, 2).entries()) {
      const t = run(textOf(lib), 0, Infinity, i === 0);
      console.log(`${lib}: ${t.compared} instructions, explained ${JSON.stringify(Object.fromEntries(t.explained))}, unexplained ${t.unexplainedCount}`);
      expect(t.unexplained.map(describeDis)).toEqual([]);
      total += t.compared;
    }
    expect(total).toBeGreaterThan(400_000);
  });
});
