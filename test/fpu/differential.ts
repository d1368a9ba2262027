// Runs operation lines through the host oracle and a model and lists the disagreements.
import fc from 'fast-check';
import { runOracle } from './oracle.ts';

export interface Mismatch {
  line: string;
  host: string;
  model: string;
}

export function compareWithHost(lines: readonly string[], model: (line: string) => string, normalize: (out: string) => string = (s) => s): Mismatch[] {
  const host = runOracle(lines);
  const bad: Mismatch[] = [];
  for (let i = 0; i < lines.length; i++) {
    const want = normalize(host[i]!);
    let got: string;
    try {
      got = model(lines[i]!);
    } catch (e) {
      got = `threw ${(e as Error).message}`;
    }
    if (got !== want) bad.push({ line: lines[i]!, host: want, model: got });
  }
  return bad;
}

/** Deterministic sample of `count` operation lines from an arbitrary. */
export function sampleLines(arb: fc.Arbitrary<string>, count: number, seed: number): string[] {
  return fc.sample(arb, { numRuns: count, seed });
}

export function describeMismatches(bad: Mismatch[], seed: number, max = 12): string {
  const head = bad.slice(0, max).map((m) => `  ${m.line}\n    host  ${m.host}\n    model ${m.model}`);
  return `${bad.length} mismatches (seed ${seed}):\n${head.join('\n')}`;
}

/** A fresh seed per run (reported on failure so a run can be replayed with FPU_SEED). */
export function runSeed(): number {
  const fixed = Number(process.env.FPU_SEED);
  return Number.isFinite(fixed) && process.env.FPU_SEED ? fixed : Math.floor(Math.random() * 0x7fffffff);
}
