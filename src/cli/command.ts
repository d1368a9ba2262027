/** One zvm subcommand. */
export interface Command {
  name: string;
  summary: string;
  /** Returns the exit status. */
  run(args: string[]): Promise<number> | number;
}
