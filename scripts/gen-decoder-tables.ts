// Writes src/decoder/tables.generated.ts: the decoder's Form records and lookup tables, derived
// from the hand-written spec lines at build time so that start-up only parses data.
// Run after editing src/decoder/table-*.ts or src/decoder/build/: npx tsx scripts/gen-decoder-tables.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GENERATED_PATH, generateTableSource } from '../src/decoder/build/generate.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const text = generateTableSource();
writeFileSync(path.join(root, GENERATED_PATH), text);
console.log(`wrote ${GENERATED_PATH} (${(text.length / 1024).toFixed(0)} KB)`);
