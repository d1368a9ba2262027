// zvm demo (what `npm start` runs): takes every bundled fixture nexe through the whole pipeline
// (ELF reader, validator, interpreter, runtime) and checks each against its recorded expectation.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.ts';

interface Expectation {
  stdout?: string;
  exit?: number;
  valid?: boolean;
  errors?: { offset: number; message: string }[];
  exercises?: string;
}

const HELP = `usage: zvm demo [FIXTURES_DIR]

Runs every NAME.nexe of the bundled fixtures (or FIXTURES_DIR) that has an expected/NAME.json:
valid programs run in the sandbox and their stdout and exit code are compared with the
expectation; invalid ones must be refused by the validator with exactly the expected errors.
Exit status 0 when every fixture behaves as expected, 1 otherwise.`;

function defaultDir(): string {
  // src/cli/ in a checkout, dist/ in the bundle: the fixtures sit at the package root in both cases.
  const here = dirname(fileURLToPath(import.meta.url));
  return join(here, here.endsWith('cli') ? '../..' : '..', 'fixtures');
}

const sameErrors = (a: readonly { offset: number; message: string }[], b: readonly { offset: number; message: string }[]): boolean =>
  JSON.stringify(a.map((e) => `${e.offset}:${e.message}`).sort()) === JSON.stringify(b.map((e) => `${e.offset}:${e.message}`).sort());

export const demoCommand: Command = {
  name: 'demo',
  summary: 'validate and run the bundled fixture nexes, checking each against its expectation (npm start)',
  async run(args) {
    if (args[0] === '--help' || args[0] === '-h') {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    const dir = args[0] ?? defaultDir();
    const { tryParseNexe } = await import('../elf/index.ts');
    const { validateNexeText } = await import('../validator/index.ts');
    const { execNexe } = await import('../node/session/exec-nexe.ts');
    const { memorySink, memorySource } = await import('../channels/index.ts');

    let names: string[];
    try {
      names = readdirSync(join(dir, 'expected')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();
    } catch {
      process.stderr.write(`zvm demo: no fixtures found in ${dir} (expected ${join(dir, 'expected')}/*.json)\n`);
      return 2;
    }
    let failures = 0;
    for (const name of names) {
      const expected = JSON.parse(readFileSync(join(dir, 'expected', `${name}.json`), 'utf8')) as Expectation;
      const bytes = new Uint8Array(readFileSync(join(dir, `${name}.nexe`)));
      const parsed = tryParseNexe(bytes);
      if (!parsed.ok) {
        failures++;
        process.stdout.write(`FAIL ${name}: not loadable: ${parsed.error.message}\n`);
        continue;
      }
      const verdict = validateNexeText(parsed.nexe.text.bytes);
      if (expected.valid === false) {
        const ok = !verdict.valid && sameErrors(verdict.errors, expected.errors ?? []);
        if (!ok) failures++;
        const found = verdict.errors.map((e) => `0x${(0x20000 + e.offset).toString(16)}: ${e.message}`).join('; ');
        process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${name}: refused by the validator as expected (${found || 'no errors'})\n`);
        continue;
      }
      const stdout = memorySink();
      const stderr = memorySink();
      const result = await execNexe(bytes, { args: [name], devices: { stdin: memorySource(new Uint8Array(0)), stdout, stderr } });
      const text = new TextDecoder().decode(stdout.bytes());
      const ok = result.ending === 'exit' && text === expected.stdout && result.userCode === expected.exit;
      if (!ok) failures++;
      process.stdout.write(
        `${ok ? 'ok  ' : 'FAIL'} ${name}: exit ${result.userCode}, ${result.instructions} instructions, ` +
          `stdout ${JSON.stringify(text)}${result.ending === 'exit' ? '' : ` (${result.exitState})`}\n`,
      );
    }
    process.stdout.write(`${names.length - failures} of ${names.length} fixtures behave as expected\n`);
    return failures === 0 ? 0 : 1;
  },
};
