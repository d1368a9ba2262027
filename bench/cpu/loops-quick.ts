// Quick loop-only timing for interpreter work (no native build, no fixtures): `npx tsx bench/cpu/loops-quick.ts [iters [loop...]]`.
import { Machine } from '../../src/cpu/machine.ts';
import { buildLoops, cpuMs, TEXT } from './loops-image.ts';

const { mem, program, symbols } = buildLoops();
const iters = Number(process.argv[2] ?? 5_000_000);
for (const name of process.argv.length > 3 ? process.argv.slice(3) : ['alu_loop', 'mem_loop', 'mix_loop', 'rot_loop', 'fp_loop']) {
  let best = 0;
  for (let k = 0; k < 4; k++) {
    const m = new Machine(mem, program);
    m.state.set64(7, k === 0 ? 100_000 : iters, 0);
    m.setRip(TEXT + symbols.get(name)!);
    const t0 = cpuMs();
    m.run(Number.MAX_SAFE_INTEGER);
    const ms = cpuMs() - t0;
    if (k > 0) best = Math.max(best, m.state.icount / ms / 1000);
  }
  console.log(`${name} ${best.toFixed(1)} MIPS`);
}
