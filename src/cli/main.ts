// The zvm command line: one subcommand per module in src/cli/commands.
import { commands } from './commands.ts';
import { UsageError } from './usage-error.ts';

/** The overview; it loads every command for its summary (only help pays for that). */
async function helpText(): Promise<string> {
  const loaded = await Promise.all(commands.map((c) => c.load()));
  const width = Math.max(...loaded.map((c) => c.name.length));
  const lines = loaded.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
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
    process.stdout.write(await helpText() + '\n');
    return name === undefined ? 2 : 0;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    process.stderr.write(`zvm: unknown command '${name}'\n\n${await helpText()}\n`);
    return 2;
  }
  const command = await entry.load();
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
