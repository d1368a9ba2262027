// Assertion helper: parsing must fail with exactly this typed error.
import { expect } from 'vitest';
import { ElfError, type ElfErrorCode, tryParseNexe } from '../../src/elf/index.ts';

export function expectElfError(bytes: Uint8Array, code: ElfErrorCode, field: string, value: bigint | number): ElfError {
  const result = tryParseNexe(bytes);
  if (result.ok) throw new Error(`expected ${code} at ${field}, but the image parsed`);
  const e = result.error;
  expect(e).toBeInstanceOf(ElfError);
  expect({ code: e.code, field: e.field, value: e.value }).toEqual({ code, field, value: BigInt(value) });
  expect(e.message).toContain(field);
  expect(e.message).toContain(`0x${BigInt(value).toString(16)}`);
  return e;
}
