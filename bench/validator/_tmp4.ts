import { readFileSync } from 'node:fs';
import { validateChunk } from '../../src/validator/index.ts';
const blob = new Uint8Array(readFileSync('/work/shared/nacl/bench-mixed-1MiB.bin'));
validateChunk(blob, { deterministic: false });
const g = globalThis as any; g.MISSES = new Map();
validateChunk(blob, { deterministic: false });
console.log([...g.MISSES].sort((a:any,b:any)=>b[1]-a[1]).slice(0,10));
