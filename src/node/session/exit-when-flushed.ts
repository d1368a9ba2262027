// A session that timed out may leave a host read pending (a terminal or pipe that never delivers);
// Node would wait for it before exiting. zerovm exits at the timeout, so the CLI exits explicitly
// once what it printed has been flushed.
export function exitWhenFlushed(status: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(status)));
}
