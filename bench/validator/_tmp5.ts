import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
import { trieNodeCount } from '../../src/validator/fast-walk.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
console.log(trieNodeCount()); validateChunk(blob, { deterministic: false }); console.log(trieNodeCount());
