// Machine.exec writes the named constants it tests (K, AluOp, Loc, ShiftOp, LazyKind) as number
// literals with the name in a comment (`5 /* AluOp.Sub */`), since each named use compiles to a
// property load from an imported object; every such literal must equal the value of its name.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AluOp } from '../../src/cpu/alu.ts';
import { K } from '../../src/cpu/kinds.ts';
import { IF, Loc } from '../../src/cpu/program.ts';
import { ShiftOp } from '../../src/cpu/shift.ts';
import { LazyKind } from '../../src/cpu/state.ts';

const source = readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/cpu/machine.ts'), 'utf8');
const named: Record<string, Record<string, number>> = { K, AluOp, Loc, ShiftOp, LazyKind, IF };

describe('named literals in machine.ts', () => {
  const uses = [...source.matchAll(/(-?\d+) \/\* (\w+)\.(\w+) \*\//g)].map((m) => ({ text: m[0], value: Number(m[1]), group: m[2]!, name: m[3]! }));
  it('cover the constants exec tests, and each equals the value its comment names', () => {
    for (const group of ['K', 'AluOp', 'Loc', 'ShiftOp', 'LazyKind']) expect(uses.some((u) => u.group === group)).toBe(true);
    expect(uses.filter((u) => named[u.group]?.[u.name] !== u.value).map((u) => u.text)).toEqual([]);
  });
  it('are not mixed with named uses inside exec', () => {
    const start = source.indexOf('private exec(budget: number)');
    const end = source.indexOf('private execRare(');
    expect(start).toBeGreaterThan(0);
    expect(end).toBeGreaterThan(start);
    const body = source.slice(start, end).replace(/\/\*.*?\*\//g, '').replace(/\/\/.*$/gm, '');
    expect(body.match(/\b(K|AluOp|Loc|ShiftOp|LazyKind|IF)\.\w+/g) ?? []).toEqual([]);
  });
});
