import { readFileSync } from 'node:fs';
import { evalSse } from './sse-model.ts';
import { evalX87 } from './x87-model.ts';
for (const l of readFileSync('/tmp/l.txt', 'utf8').trim().split('\n')) console.log(l.startsWith('f') ? evalX87(l) : evalSse(l));
