// The flags (and 16-bit shld/shrd results) the architecture leaves undefined, against the host CPU:
// every width of mul/imul/div/idiv, shifts and rotates by every count class, shld/shrd, bit scans
// and bit tests, from random flags and right after a lazily recorded flag producer (cmp), whose
// flags must show through wherever the host keeps them (program.ts liveness, hostKeeps). On the
// reference host (AMD Zen, test/cpu/lib/host.ts) every status flag is compared; elsewhere the
// table's undefined flags are masked and only the defined behaviour is checked.
import { describe, expect, it } from 'vitest';
import { decodeFast, Decoded, formAt } from '../../src/decoder/index.ts';
import { difference, describe as describeSnippet } from './lib/compare.ts';
import { rng, type Snippet } from './lib/gen.ts';
import { HOST_IS_REFERENCE } from './lib/host.ts';
import { runInterpreted } from './lib/interp.ts';
import { runNative } from './lib/native.ts';
import { SCRATCH } from './lib/scratch.ts';

/** Register forms (rbx, rcx/cl, rdx, rax operands), hex. */
const FORMS: Record<string, string[]> = {
  mul: ['f6e3', '66f7e3', 'f7e3', '48f7e3', 'f6eb', '66f7eb', 'f7eb', '48f7eb', '660fafc3', '0fafc3', '480fafc3',
    '666bc37f', '6bc380', '486bc3f1', '4869c312345678'],
  div: ['f6f3', '66f7f3', 'f7f3', '48f7f3', 'f6fb', '66f7fb', 'f7fb', '48f7fb'],
  // shl shr sar rol ror rcl rcr by cl, 8/16/32/64 bits
  shift: ['e3', 'eb', 'fb', 'c3', 'cb', 'd3', 'db'].flatMap((m) => [`d2${m}`, `66d3${m}`, `d3${m}`, `48d3${m}`]),
  double: ['660fa5d3', '0fa5d3', '480fa5d3', '660fadd3', '0fadd3', '480fadd3'],
  scan: ['660fbcc3', '0fbcc3', '480fbcc3', '660fbdc3', '0fbdc3', '480fbdc3',
    '66f30fbcc3', 'f30fbcc3', 'f3480fbcc3', '66f30fbdc3', 'f30fbdc3', 'f3480fbdc3'],
  bittest: ['0fa3cb', '480fabcb', '660fb3cb', '0fbbcb', '480fbae31f', '0fbaeb05'],
};
/** cmp %r9,%r8: a lazily recorded producer of every status flag. */
const CMP = '4d39c8';

const decoded = new Decoded();
const bytes = (hex: string): number[] => hex.match(/../g)!.map((b) => parseInt(b, 16));

function cases(group: string, perForm: number, seed: number): Snippet[] {
  const r = rng(seed);
  const int = (n: number): number => Math.floor(r() * n);
  const u64 = (): bigint => (BigInt(int(2 ** 32)) << 32n) | BigInt(int(2 ** 32));
  const small = (): bigint => (r() < 0.3 ? BigInt(int(4)) : u64());
  const out: Snippet[] = [];
  for (const hex of FORMS[group]) {
    for (let k = 0; k < perForm; k++) {
      const regs = Array.from({ length: 16 }, u64);
      regs[4] = BigInt(SCRATCH + 0x800);
      regs[0] = small();
      regs[3] = r() < 0.15 ? 0n : small();
      // counts 0..63 and beyond the mask; the dividend's high half below the divisor mostly (no #DE)
      regs[1] = BigInt(r() < 0.8 ? int(64) : int(256));
      if (group === 'div') regs[2] = r() < 0.8 ? 0n : regs[2] >> BigInt(1 + int(63));
      const code = [...(k % 2 === 1 ? bytes(CMP) : []), ...bytes(hex)];
      const last = Uint8Array.from(bytes(hex));
      expect(decodeFast(last, 0, last.length, decoded)).toBe(last.length);
      const f = formAt(decoded.form);
      out.push({
        c: { code: Uint8Array.from(code), flags: 0x2 | (int(4096) & 0x8d5), seed: int(2 ** 32), regs },
        undefinedFlags: HOST_IS_REFERENCE ? 0 : f.flagsUndefined & 0x8d5,
        forms: [decoded.form],
      });
    }
  }
  return out;
}

describe(`undefined flags vs the host CPU (${HOST_IS_REFERENCE ? 'reference host: all compared' : 'not the reference host: masked'})`, () => {
  for (const group of Object.keys(FORMS)) {
    it(`${group}: ${FORMS[group].length} forms`, () => {
      const list = cases(group, 150, 0x5eed + group.length);
      const native = runNative(list.map((s) => s.c));
      const bad: string[] = [];
      let ok = 0;
      list.forEach((s, k) => {
        if (native[k].kind === 'ok') ok++;
        const d = difference(s, native[k], runInterpreted(s.c));
        if (d !== null) bad.push(`${describeSnippet(s)}\n    ${d}`);
      });
      expect(bad.slice(0, 5)).toEqual([]);
      expect(ok).toBeGreaterThan(list.length * (group === 'div' ? 0.6 : 0.99));
    });
  }
});
