// npm run fixtures [-- --out DIR] [name...]
// Rebuilds the NaCl fixture nexes from fixtures/src/*.S (default output: fixtures/).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildFixture, checkBinutils, fixtureNames } from './lib/fixture-build.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixturesDir = path.join(repoRoot, 'fixtures');

function main(argv: string[]): number {
  let outDir = fixturesDir;
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out') {
      const dir = argv[++i];
      if (dir === undefined) {
        console.error('build-fixtures: --out needs a directory');
        return 2;
      }
      outDir = path.resolve(dir);
    } else {
      names.push(arg);
    }
  }
  const all = fixtureNames(fixturesDir);
  for (const n of names) {
    if (!all.includes(n)) {
      console.error(`build-fixtures: no fixture named '${n}' (fixtures/src/${n}.S)`);
      return 2;
    }
  }
  try {
    checkBinutils();
    for (const name of names.length > 0 ? names : all) {
      const image = buildFixture(name, { fixturesDir, outDir });
      console.log(`${path.join(path.relative(process.cwd(), outDir) || '.', `${name}.nexe`)}  ${image.length} bytes`);
    }
  } catch (e) {
    console.error(`build-fixtures: ${(e as Error).message}`);
    return 1;
  }
  return 0;
}

process.exitCode = main(process.argv.slice(2));
