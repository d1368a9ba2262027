// The host CPU as the referee of the allowlisted VALIDITY disagreements with iced-x86: each byte
// string runs once on this machine (test/decoder/host-exec.c, built here with gcc) and the CPU
// says #UD or not. The expected answer follows from /proc/cpuinfo: an encoding of an extension the
// host has must execute (iced is right to call it valid), one the host lacks must raise #UD.
// Disagreements whose extension has no known cpuinfo flag are counted and listed, not judged.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decoded } from '../../src/decoder/index.ts';
import { compareAt, type Disagreement } from './compare.ts';
import { instructionBytes } from './gen-bytes.ts';
import { explain } from './iced-allowlist.ts';
import { IcedOracle } from './iced-oracle.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

function hostFlags(): Set<string> {
  const m = /^flags\s*:(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  if (m === null) throw new Error('/proc/cpuinfo has no flags line');
  return new Set(m[1].trim().split(/\s+/));
}

/** cpuinfo flags an extension needs (by iced mnemonic), for the extensions we can name with certainty. */
const MNEMONIC_FLAGS: Record<string, string[]> = {
  clwb: ['clwb'], clflushopt: ['clflushopt'], rdpid: ['rdpid'], serialize: ['serialize'],
  xsavec: ['xsavec'], xsavec64: ['xsavec'], xsaves: ['xsaves'], xsaves64: ['xsaves'], xrstors: ['xsaves'],
  xrstors64: ['xsaves'], invpcid: ['invpcid'], movdiri: ['movdiri'], movdir64b: ['movdir64b'],
  enqcmd: ['enqcmd'], enqcmds: ['enqcmd'], cldemote: ['cldemote'], tpause: ['waitpkg'], umonitor: ['waitpkg'],
  umwait: ['waitpkg'], gf2p8affineinvqb: ['gfni'], gf2p8affineqb: ['gfni'], gf2p8mulb: ['gfni'],
  rdpru: ['rdpru'], mcommit: ['mcommit'], ptwrite: ['ptwrite'], hreset: ['hreset'],
  vmptrld: ['vmx'], vmptrst: ['vmx'], vmclear: ['vmx'], vmxon: ['vmx'], invept: ['vmx'], invvpid: ['vmx'],
};

/** cpuinfo flags by iced Code prefix (VEX/EVEX/XOP encodings). */
const CODE_FLAGS: [RegExp, string[]][] = [
  [/^EVEX_/, ['avx512f']],
  [/^XOP_/, ['xop']],
  [/^VEX_Vaes/, ['avx', 'vaes']],
  [/^VEX_Vpclmulqdq/, ['avx', 'vpclmulqdq']],
  [/^VEX_Vgf2p8/, ['avx', 'gfni']],
  [/^VEX_Vpdp/, ['avx_vnni']],
  [/^VEX_Vpmadd52/, ['avx_ifma']],
  [/^VEX_(Tile|Ld|St)/, ['amx_tile']],
  [/^VEX_Vf(n)?m(add|sub)(sub|add)?(ps|pd|ss|sd)_/, ['fma4']], // four-operand forms (FMA3 names carry 132/213/231)
  [/^VEX_Vpermil2/, ['xop']],
  [/^VEX_Cmp\w+xadd_/, ['cmpccxadd']],
  [/^VEX_Vsm4/, ['sm4']],
];

function requiredFlags(d: Disagreement): string[] | undefined {
  for (const [re, flags] of CODE_FLAGS) if (re.test(d.iced.code)) return flags;
  return MNEMONIC_FLAGS[d.iced.mnemonic];
}

/** Validity disagreements the allowlist explains, found by fuzzing (one per iced Code). */
function collect(): Disagreement[] {
  const SLOT = 32;
  const samples = fc.sample(instructionBytes, { numRuns: 150_000, seed: 7 });
  const buf = new Uint8Array(samples.length * SLOT);
  samples.forEach((s, i) => buf.set(s, i * SLOT));
  const oracle = new IcedOracle(buf);
  const d = new Decoded();
  const seen = new Set<string>();
  const out: Disagreement[] = [];
  try {
    samples.forEach((s, i) => {
      const dis = compareAt(buf, i * SLOT, i * SLOT + s.length, oracle, d, false);
      if (dis === null || dis.kind !== 'validity' || explain(dis) === undefined) return;
      const key = `${explain(dis)!.id}/${dis.iced.code}`;
      if (seen.has(key)) return;
      seen.add(key);
      out.push(dis);
    });
  } finally {
    oracle.free();
  }
  return out;
}

describe('host CPU arbitration of allowlisted validity disagreements', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'zvm-host-exec-'));
  const exe = path.join(dir, 'host-exec');
  execFileSync('gcc', ['-O1', '-o', exe, path.join(here, 'host-exec.c')]);
  const run = (hex: string): string => execFileSync(exe, [hex], { timeout: 5000, encoding: 'utf8' }).trim();
  const flags = hostFlags();

  it('the helper tells #UD from execution', () => {
    expect(run('0f0b')).toBe('ud'); // ud2
    expect(run('90')).toBe('done'); // nop
    expect(run('48890424')).toBe('done'); // mov [rsp], rax
    expect(run('f4')).toBe('fault'); // hlt: #GP in user mode
  });

  it.skipIf(!flags.has('avx2'))('VSIB gathers with overlapping registers raise #UD (iced is right)', () => {
    // vpgatherdd xmm1, [rax+xmmI*4], xmm2: dest = index, mask = index, dest = mask, then disjoint.
    const cases: [string, string][] = [
      ['c4e269900c88', 'ud'], // index xmm1 = dest
      ['c4e269900c90', 'ud'], // index xmm2 = mask
      ['c4e271900c98', 'ud'], // mask xmm1 = dest
      ['c4e269900c98', 'done'], // xmm1, [rax+xmm3*4], xmm2: all distinct (zero mask: no loads)
    ];
    for (const [hex, want] of cases) {
      // First: these really are the allowlisted disagreement (ours valid, iced invalid), or agreement.
      const bytes = Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
      const oracle = new IcedOracle(bytes);
      let id: string | undefined;
      try {
        const dis = compareAt(bytes, 0, bytes.length, oracle, new Decoded(), false);
        id = dis === null ? undefined : explain(dis)?.id ?? 'unexplained';
      } finally {
        oracle.free();
      }
      expect([hex, id]).toEqual([hex, want === 'ud' ? 'gather-register-overlap' : undefined]);
      expect([hex, run(hex)]).toEqual([hex, want]);
    }
  });

  it('extensions: the CPU executes what the host has and refuses what it lacks', () => {
    const found = collect();
    const judged: string[] = [];
    const unjudged: string[] = [];
    const wrong: string[] = [];
    const executed: string[] = [];
    const tally: Record<string, { cpuSidesWithIced: number; cpuSidesWithOurs: number }> = {};
    for (const dis of found) {
      const id = explain(dis)!.id;
      const need = requiredFlags(dis);
      if (need === undefined) {
        unjudged.push(`${id}:${dis.iced.code}`);
        continue;
      }
      const hasAll = need.every((f) => flags.has(f));
      const got = run(dis.hex);
      const executes = got !== 'ud' && got !== 'timeout';
      judged.push(`${id}:${dis.iced.code}=${got}`);
      if (executes) executed.push(dis.iced.code);
      if (executes !== hasAll) wrong.push(`${dis.hex} ${dis.iced.code} needs ${need.join('+')} (host ${hasAll ? 'has' : 'lacks'} it) but the CPU said ${got}`);
      const t = (tally[id] ??= { cpuSidesWithIced: 0, cpuSidesWithOurs: 0 });
      // iced calls all of these valid; ours refuses them (Undefined or Unsupported).
      if (executes) t.cpuSidesWithIced++;
      else t.cpuSidesWithOurs++;
    }
    console.log(`host-cpu: ${found.length} distinct disagreements, ${judged.length} run on the CPU: ${JSON.stringify(tally)}; executed: ${executed.join(' ')}; ` +
      `not judged (no cpuinfo flag known): ${unjudged.join(' ')}`);
    expect(judged.length).toBeGreaterThan(10);
    expect(wrong).toEqual([]);
  });
});
