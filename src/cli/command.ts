/** One zvm subcommand. */
export interface Command {
  name: string;
  summary: string;
  /** Returns the exit status. */
  run(args: string[]): Promise<number> | number;
}

/**
 * A subcommand in the registry (commands.ts): its name, and its module loaded only when it is
 * used, so that one command's start-up does not pay for every other command's imports.
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}
