// decode-fast.ts spells enum values as literals for speed: check they match the enums.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DecodeError, OpMap, Prefix, VexKind } from '../../src/decoder/index.ts';
import { Imm, Osz } from '../../src/decoder/tables.ts';
import { ByteClass, FastTable } from '../../src/decoder/dispatch-tables.ts';

describe('literal enum values in decode-fast.ts', () => {
  it('every `<literal> /* Enum.Name */` matches the enum', () => {
    const src = readFileSync(new URL('../../src/decoder/decode-fast.ts', import.meta.url), 'utf8');
    const enums: Record<string, Record<string, number>> = { Prefix, VexKind, OpMap, DecodeError, Imm, Osz, ByteClass, FastTable };
    const uses = [...src.matchAll(/(-?0x[0-9a-f]+|-?\d+) \/\* (\w+)\.(\w+) \*\//g)];
    expect(uses.length).toBeGreaterThan(50);
    for (const [, lit, e, name] of uses) expect([`${e}.${name}`, Number(lit)]).toEqual([`${e}.${name}`, enums[e][name]]);
  });
});
