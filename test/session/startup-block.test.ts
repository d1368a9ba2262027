// The startup block decodes back to the argv and envp it was built from, sits below the strings,
// and gives the entry %rsp = block - 8 with the block 16-byte aligned.
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { buildStartupBlock } from '../../src/session/startup-block.ts';

const TOP = 0x1_0000_0000;
const strings = fc.array(fc.string({ unit: 'grapheme', maxLength: 12 }), { maxLength: 6 });

describe('startup block', () => {
  test.prop([strings, strings])('round-trips argv and envp', (argv, envp) => {
    const b = buildStartupBlock(argv, envp, TOP);
    expect(b.block % 16).toBe(0);
    expect(b.rsp).toBe(b.block - 8);
    expect(b.start + b.bytes.length).toBe(TOP);
    const view = new DataView(b.bytes.buffer);
    const word = (a: number): number => view.getUint32(a - b.start, true);
    const str = (a: number): string => {
      const from = a - b.start;
      return new TextDecoder().decode(b.bytes.subarray(from, b.bytes.indexOf(0, from)));
    };
    expect([word(b.block), word(b.block + 4), word(b.block + 8)]).toEqual([0, envp.length, argv.length]);
    let at = b.block + 12;
    const back: string[] = [];
    for (let k = 0; k < argv.length; k++, at += 4) back.push(str(word(at)));
    expect(word(at)).toBe(0);
    at += 4;
    const env: string[] = [];
    for (let k = 0; k < envp.length; k++, at += 4) env.push(str(word(at)));
    expect([word(at), word(at + 4), word(at + 8)]).toEqual([0, 0, 0]); // envp NULL, AT_NULL pair
    expect(back).toEqual(argv);
    expect(env).toEqual(envp);
    // the top 16 bytes stay zero, as ZeroVM leaves them
    expect(Array.from(b.bytes.subarray(b.bytes.length - 16))).toEqual(new Array(16).fill(0));
  });
});
