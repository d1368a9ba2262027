// The snippet world shared with the native harness (test/cpu/native/harness.c): where the scratch
// page and the code live, and the scratch fill (xorshift32 words from a seed, as harness.c).
export const SCRATCH = 0x10000000;
export const SCRATCH_SIZE = 4096;
export const CODE = 0x20000000;

export function fillScratch(out: Uint8Array, seed: number): void {
  let s = (seed | 1) >>> 0;
  const dv = new DataView(out.buffer, out.byteOffset, out.byteLength);
  for (let i = 0, n = out.byteLength; i < n; i += 4) {
    s = (s ^ (s << 13)) >>> 0;
    s = (s ^ (s >>> 17)) >>> 0;
    s = (s ^ (s << 5)) >>> 0;
    dv.setUint32(i, s, true);
  }
}

/** Native or interpreted end state of one snippet. */
export type SnippetOutcome =
  | { kind: 'ok'; flags: number; regs: bigint[]; mem: string[] }
  | { kind: 'sig'; signal: number };

/** Parses one harness output line. */
export function parseOutcome(line: string): SnippetOutcome {
  const t = line.trim().split(' ');
  if (t[0] === 'sig') return { kind: 'sig', signal: Number(t[1]) };
  if (t[0] !== 'ok') throw new Error(`harness: bad line ${line}`);
  return {
    kind: 'ok',
    flags: parseInt(t[1], 16),
    regs: t.slice(2, 18).map((x) => BigInt('0x' + x)),
    mem: t.slice(18),
  };
}

/** 16 random 64-bit registers with %rsp inside the scratch page and %rsi/%rdi at its start. */
export function scratchRegisters(r: () => number): bigint[] {
  const regs = Array.from({ length: 16 }, () => (BigInt(Math.floor(r() * 2 ** 32)) << 32n) | BigInt(Math.floor(r() * 2 ** 32)));
  regs[4] = BigInt(SCRATCH + 0xe00);
  regs[6] = BigInt(SCRATCH);
  regs[7] = BigInt(SCRATCH);
  return regs;
}
