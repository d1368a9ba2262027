import type { Command } from './command.ts';

export const demoCommand: Command = {
  name: 'demo',
  summary: 'describe the bundled fixture programs (the default job of npm start)',
  run() {
    process.stdout.write('zerovm-ts: nothing bundled yet\n');
    return 0;
  },
};
