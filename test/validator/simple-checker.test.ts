// The second checker must itself be able to say no: known sandbox violations are caught.
import { describe, expect, it } from 'vitest';
import { parseHex } from '../../src/validator/hex.ts';
import { padNops } from './shared-data.ts';
import { simpleCheck } from './simple-checker.ts';

const check = (hex: string) => simpleCheck(padNops(parseHex(hex))).map((v) => v.rule);

describe('simple checker', () => {
  it('passes sandboxed code', () => {
    expect(check('89c0 418b0407 83e0e04c01f8ffe0 89ff498d3c3ff3ab eb00')).toEqual([]);
  });
  it('catches a bad base, an unrestricted index and a %r15 write', () => {
    expect(check('8b00')).toContain('memory base');
    expect(check('90 418b0407')).toContain('memory index not restricted by the previous instruction');
    expect(check('4d89c7')).toContain('%r15 written');
  });
  it('catches unsandboxed %rsp/%rbp updates and accepts the sandboxed ones', () => {
    expect(check('4883c408')).toContain('%rsp written');
    expect(check('4c01fc')).toContain('%rsp written');
    expect(check('89c4 90')).toContain('stack register not rebased right after its 32-bit write');
    expect(check('90'.repeat(30) + '89c5')).toContain('stack register not rebased before the bundle end');
    expect(check('89c4 4c01fc 89c5 4a8d6c3d00 4889e5 4883e4e0 50 5b')).toEqual([]);
  });

  it('catches bare and mismatched indirect branches, ret, and unrebased string ops', () => {
    expect(check('ffe0')).toContain('indirect branch not masked');
    expect(check('83e3e04c01fbffe0')).toContain('indirect branch not masked');
    expect(check('c3')).toContain('return or far transfer');
    expect(check('f3ab')).toContain('string instruction without pointer rebase');
  });
  it('catches jumps into a sequence and instructions crossing a bundle', () => {
    expect(check('eb03 83e0e04c01f8ffe0').some((r) => r.startsWith('direct branch'))).toBe(true);
    expect(check('90'.repeat(30) + 'e800000000')[0]).toMatch(/^does not decode inside its bundle/);
  });
  it('checks the validator boundaries it is given', () => {
    const code = padNops(parseHex('83e0e04c01f8ffe0'));
    const boundaries = new Uint8Array(4);
    boundaries[0] = 0b1000; // claims offset 3 (the add) is a jump target
    expect(simpleCheck(code, boundaries).map((v) => v.rule)).toContain('validator allows a jump to a non-boundary');
  });
});
