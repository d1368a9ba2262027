// The registry of zvm subcommands; each lives in its own module, imported when it runs (a test
// checks that every entry loads the command of its name).
import type { CommandEntry } from './command.ts';

export const commands: CommandEntry[] = [
  { name: 'demo', load: async () => (await import('./demo.ts')).demoCommand },
  { name: 'elf', load: async () => (await import('./elf.ts')).elfCommand },
  { name: 'cc', load: async () => (await import('./cc.ts')).ccCommand },
  { name: 'validate', load: async () => (await import('./validate.ts')).validateCommand },
  { name: 'disasm', load: async () => (await import('./disasm.ts')).disasmCommand },
  { name: 'run', load: async () => (await import('./run.ts')).runCommand },
  { name: 'exec', load: async () => (await import('./exec.ts')).execCommand },
];
