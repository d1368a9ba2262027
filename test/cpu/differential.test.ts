// Proof against the host CPU: random snippets generated from the instruction table run natively
// (test/cpu/native/harness.c) and in the interpreter from the same registers, flags and scratch
// memory; end states must be equal, masking only the flags the table marks undefined when this is
// not the reference host (lib/host.ts; on it the interpreter matches those flags too).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formAt } from '../../src/decoder/index.ts';
import { K } from '../../src/cpu/kinds.ts';
import { Program } from '../../src/cpu/program.ts';
import { CODE } from './lib/scratch.ts';
import { describe as describeSnippet, difference } from './lib/compare.ts';
import { SNIPPET_FORMS, snippet } from './lib/gen.ts';
import { runInterpreted } from './lib/interp.ts';
import { runNative } from './lib/native.ts';

const BATCH = 5000;
const RUNS = 16; // 80k snippets (~20 s on an idle core)

describe('interpreter vs host CPU', () => {
  it('snippets reach every handler kind, specialized and fused ones included', () => {
    const seen = new Set<number>();
    for (let seed = 1; seed <= 10000; seed++) {
      const p = new Program(snippet(seed).c.code, CODE);
      for (let i = 0; i < p.count; i++) seen.add(p.kind[i]);
    }
    // the rest have example tests (test/cpu/control.test.ts, sandbox.test.ts)
    const elsewhere = new Set<number>([K.Invalid, K.Jmp, K.Jcc, K.Call, K.Ret, K.JmpInd, K.CallInd, K.JmpIndR, K.CallIndR, K.NaclJmp, K.NaclCall, K.Loop,
      K.Cpuid, K.Rdtsc, K.Hlt, K.Ud,
      K.Simd]); // SIMD/x87 forms: test/simd (against the host CPU) and test/cpu/simd-program.test.ts
    const missing = Object.entries(K).filter(([, k]) => !seen.has(k) && !elsewhere.has(k)).map(([n]) => n);
    expect(missing).toEqual([]);
    expect(SNIPPET_FORMS.length).toBeGreaterThan(250);
    expect(new Set(SNIPPET_FORMS.map((f) => formAt(f.id).mnemonic)).size).toBeGreaterThan(120);
  });

  it(`agrees on ${BATCH * RUNS} random snippets`, () => {
    let ok = 0;
    // fc.check, not fc.assert: a counterexample is 5000 seeds, so report the mismatching snippets instead
    const details = fc.check(
      fc.property(fc.array(fc.integer({ min: 0, max: 0x7fffffff }), { minLength: BATCH, maxLength: BATCH }), (seeds) => {
        const snippets = seeds.map(snippet);
        const native = runNative(snippets.map((s) => s.c));
        const bad: string[] = [];
        snippets.forEach((s, k) => {
          if (native[k].kind === 'ok') ok++;
          const d = difference(s, native[k], runInterpreted(s.c));
          if (d !== null) bad.push(`${describeSnippet(s)}\n    ${d}`);
        });
        if (bad.length > 0) throw new Error(`${bad.length} mismatches, first:\n${bad.slice(0, 5).join('\n')}`);
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    if (details.failed) {
      throw new Error(`fast-check seed ${details.seed}: ${String(details.errorInstance)}`);
    }
    // most snippets complete natively (a harness that always faulted would prove little)
    expect(ok).toBeGreaterThan(BATCH * RUNS * 0.95);
  }, 300_000); // a busy machine (other suites in parallel) can make it several times slower
});
