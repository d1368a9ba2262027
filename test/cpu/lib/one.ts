// Debugging aid: `npx tsx test/cpu/lib/one.ts <hex> <flags> <seed> <16 regs hex>` compares one case.
import { runInterpreted } from './interp.ts';
import { runNative } from './native.ts';
const [hex, flags, seed, ...regs] = process.argv.slice(2);
const c = { code: Uint8Array.from(hex.match(/../g)!.map((b) => parseInt(b, 16))), flags: parseInt(flags, 16), seed: parseInt(seed, 16), regs: regs.map((r) => BigInt('0x' + r)) };
console.log('native', JSON.stringify(runNative([c])[0], (_, v) => (typeof v === 'bigint' ? v.toString(16) : v)));
console.log('interp', JSON.stringify(runInterpreted(c), (_, v) => (typeof v === 'bigint' ? v.toString(16) : v)));
