// The zvm command line: one subcommand per module in src/cli/commands.
import { commands } from './commands.ts';
import { UsageError } from './usage-error.ts';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'usage: zvm <command> [options]',
    '',
    'commands:',
    ...lines,
    '',
    "Run 'zvm <command> --help' for a command's options.",
  ].join('\n');
}

/** Runs the CLI; returns the process exit status. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`zvm: unknown command '${name}'\n\n${helpText()}\n`);
    return 2;
  }
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`zvm ${name}: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
