// The registry of zvm subcommands; each lives in its own module.
import type { Command } from './command.ts';
import { ccCommand } from './cc.ts';
import { demoCommand } from './demo.ts';
import { disasmCommand } from './disasm.ts';
import { elfCommand } from './elf.ts';
import { execCommand } from './exec.ts';
import { runCommand } from './run.ts';
import { validateCommand } from './validate.ts';

export const commands: Command[] = [demoCommand, elfCommand, ccCommand, validateCommand, disasmCommand, runCommand, execCommand];
