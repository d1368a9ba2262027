import { readFileSync } from 'node:fs';
import { parseNexe } from '../../src/elf/index.ts';
import { helloHost, loadNexe } from '../../src/loader/index.ts';
for (const name of ['calls', 'checksum', 'strings', 'hello-nacl']) {
  const nexe = parseNexe(new Uint8Array(readFileSync(`fixtures/${name}.nexe`)));
  for (let k = 0; k < 3; k++) {
    const host = helloHost();
    const t0 = performance.now();
    const { machine } = loadNexe(nexe, { handler: host.handler });
    const t1 = performance.now();
    const r = machine.run(1e9);
    const t2 = performance.now();
    console.log(name, r.kind, machine.state.icount, 'load', (t1 - t0).toFixed(1), 'run', (t2 - t1).toFixed(1), 'ms', (machine.state.icount / (t2 - t1) / 1000).toFixed(1), 'MIPS');
  }
}
