// Property: any mutation of a valid nexe parses to a consistent Nexe or fails with an ElfError,
// never with another exception or a hang. 10 000 cases in total.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ElfError, type Nexe, tryParseNexe } from '../../src/elf/index.ts';
import { buildElf, EHDR_SIZE, filled, headerFieldLayout, PF, PHDR_ENTRY_SIZE, phdrFieldLayout, PT, typicalNexe, writeUint } from './elf-writer.ts';

const bases: Uint8Array[] = [
  typicalNexe(),
  typicalNexe({ class: 32 }),
  buildElf({ entry: 0x20000, phdrs: [{ type: PT.LOAD, flags: PF.RWX, vaddr: 0, memsz: 0 }, { type: PT.LOAD, flags: PF.RX, vaddr: 0x20000, data: filled(32, 0xf4) }] }),
];
for (const b of bases) expect(tryParseNexe(b).ok).toBe(true);

const interesting = [0n, 1n, 2n, 0x38n, 0x40n, 0x80n, 0x1ffffn, 0x20000n, 0x20001n, 0xffffffffn, 0x100000000n,
  2n ** 53n - 1n, 2n ** 53n, 2n ** 63n, 2n ** 64n - 1n, 2n ** 64n - 0x20000n];

type Mutation =
  | { kind: 'flip'; at: number; xor: number }
  | { kind: 'field'; phdr: number; name: number; value: bigint }
  | { kind: 'truncate'; at: number };

const flip = fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) });
const field = fc.record({
  kind: fc.constant('field' as const),
  phdr: fc.integer({ min: -1, max: 7 }), // -1: the ELF header
  name: fc.nat(),
  value: fc.oneof(fc.constantFrom(...interesting), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n })),
});
const truncate = fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() });

function mutate(base: Uint8Array, mutations: Mutation[]): Uint8Array {
  let bytes = base.slice();
  const cls = base[4] === 1 ? 32 : 64;
  for (const m of mutations) {
    if (bytes.length === 0) break;
    if (m.kind === 'flip') bytes[m.at % bytes.length]! ^= m.xor;
    else if (m.kind === 'truncate') bytes = bytes.slice(0, m.at % (bytes.length + 1));
    else {
      const layout = m.phdr < 0 ? headerFieldLayout(cls) : phdrFieldLayout(cls);
      const [offset, width] = Object.values(layout)[m.name % Object.keys(layout).length]!;
      const at = (m.phdr < 0 ? 0 : EHDR_SIZE[cls] + m.phdr * PHDR_ENTRY_SIZE[cls]) + offset;
      if (at + width <= bytes.length) writeUint(bytes, at, width, m.value);
    }
  }
  return bytes;
}

/** type/flags pairs NaCl accepts in a non-empty segment. */
const allowed = ['1/5', '1/4', '1/6', '6/4', '7/4', '4/4', `${0x6474e550}/4`, `${0x6474e552}/4`, '0/4'];

/** Plain assertion: vitest's expect is too slow for 10 000 cases on a busy machine. */
function assert(ok: boolean, what: string): asserts ok {
  if (!ok) throw new Error(`inconsistent parse: ${what}`);
}

/** Independent checks of a successful parse against the raw bytes. */
function checkConsistent(bytes: Uint8Array, n: Nexe): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout = phdrFieldLayout(n.class);
  const read = (at: number, width: number) => (width === 8 ? view.getBigUint64(at, true) : BigInt(view.getUint32(at, true)));
  assert(n.phdrs.length <= 128, 'phnum');
  const loads: Array<[number, number]> = [];
  for (const p of n.phdrs) {
    const base = n.phoff + p.index * PHDR_ENTRY_SIZE[n.class];
    for (const [name, key] of [['p_type', 'type'], ['p_flags', 'flags'], ['p_offset', 'offset'], ['p_vaddr', 'vaddr'], ['p_paddr', 'paddr'], ['p_filesz', 'filesz'], ['p_memsz', 'memsz'], ['p_align', 'align']] as const) {
      const [off, width] = layout[name]!;
      assert(BigInt(p[key]) === read(base + off, width), `phdr[${p.index}].${name} read back`);
    }
    assert(p.type !== PT.INTERP && p.type !== PT.DYNAMIC, 'no INTERP/DYNAMIC');
    assert(p.offset + p.filesz <= bytes.length, 'segment inside the file');
    if (p.type === PT.GNU_STACK) assert((p.flags & PF.X) === 0, 'stack not executable');
    if (p.memsz === 0) continue;
    assert(allowed.includes(`${p.type}/${p.flags}`), `allowed type/flags ${p.type}/${p.flags}`);
    if (p.type === PT.LOAD) {
      assert(p.filesz <= p.memsz, 'filesz <= memsz');
      assert(p.vaddr >= 0x20000 && p.vaddr + p.memsz < 2 ** 32, 'inside the address space');
      if (p.flags !== PF.RX) assert(p.vaddr % 0x10000 === 0, '64 KiB aligned');
      loads.push([p.vaddr, p.vaddr + p.memsz]);
    }
  }
  for (let i = 1; i < loads.length; i++) assert(loads[i]![0] >= loads[i - 1]![1], 'ascending, no overlap');
  assert(n.text.type === PT.LOAD && n.text.flags === PF.RX && n.text.vaddr === 0x20000, 'text');
  assert(loads[0]![0] === 0x20000, 'text first');
  if (loads.length > 1) assert(loads[1]![0] >= n.text.vaddr + n.text.filesz + 32, 'halt sled gap');
  if (n.data) assert(n.data.vaddr === loads.at(-1)![0], 'data last');
  assert(n.entry >= n.text.vaddr && n.entry < n.text.vaddr + n.text.filesz && n.entry % 32 === 0, 'entry');
  for (const s of [n.text, n.rodata, n.data, n.tls]) {
    if (!s) continue;
    const p = n.phdrs[s.index]!;
    assert(s.offset === p.offset && s.vaddr === p.vaddr && s.filesz === p.filesz && s.memsz === p.memsz && s.flags === p.flags, 'segment = its phdr');
    assert(s.bytes.buffer === bytes.buffer && s.bytes.byteOffset - bytes.byteOffset === s.offset && s.bytes.length === s.filesz, 'segment bytes are a view');
  }
}

function check(bytes: Uint8Array): void {
  const result = tryParseNexe(bytes); // anything but an ElfError propagates and fails the property
  if (result.ok) checkConsistent(bytes, result.nexe);
  else assert(result.error instanceof ElfError && result.error.message.includes(result.error.field), 'typed error naming its field');
}

const property = (mutation: fc.Arbitrary<Mutation>, maxLength: number) =>
  fc.property(fc.nat(bases.length - 1), fc.array(mutation, { minLength: 1, maxLength }), (b, ms) => check(mutate(bases[b]!, ms)));

describe('mutated nexes', () => {
  it('byte flips', () => fc.assert(property(flip, 6), { numRuns: 3000 }));
  it('field overwrites with interesting values', () => fc.assert(property(field, 3), { numRuns: 3000 }));
  it('truncation at any length', () => fc.assert(property(truncate, 1), { numRuns: 1000 }));
  it('all of them mixed', () => fc.assert(property(fc.oneof(flip, field, truncate), 5), { numRuns: 3000 }));
  it('every truncation of every base image', () => {
    for (const b of bases) for (let len = 0; len <= b.length; len++) check(b.subarray(0, len));
  });
});
