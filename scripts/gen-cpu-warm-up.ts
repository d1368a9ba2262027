// Regenerates src/cpu/warm-up-code.ts from src/cpu/warm-up.S (needs gcc and binutils):
// npx tsx scripts/gen-cpu-warm-up.ts
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { warmUpCodeSource } from './lib/cpu-warm-up-build.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(path.join(root, 'src', 'cpu', 'warm-up-code.ts'), warmUpCodeSource(root));
