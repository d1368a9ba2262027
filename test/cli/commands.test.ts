// The registry loads commands lazily: each entry must load the command it is named after, and the
// help overview must list every command with its summary.
import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.ts';
import { main } from '../../src/cli/main.ts';

describe('command registry', () => {
  it('every entry loads the command of its name, names are unique', async () => {
    expect(new Set(commands.map((c) => c.name)).size).toBe(commands.length);
    for (const entry of commands) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.summary.length).toBeGreaterThan(0);
    }
  });

  it('zvm --help lists every command with its summary', async () => {
    let out = '';
    const write = process.stdout.write;
    process.stdout.write = ((s: string) => { out += s; return true; }) as typeof process.stdout.write;
    try {
      expect(await main(['--help'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    for (const entry of commands) {
      const command = await entry.load();
      expect(out).toContain(`  ${command.name}`);
      expect(out).toContain(command.summary);
    }
  });
});
