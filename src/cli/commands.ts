// The registry of zvm subcommands; each lives in its own module.
import type { Command } from './command.ts';
import { demoCommand } from './demo.ts';

export const commands: Command[] = [demoCommand];
