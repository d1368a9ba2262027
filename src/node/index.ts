// Node-only entry point: CLI, host-file channels, toolchain.
export * from '../index.ts';
export { main as cliMain } from '../cli/main.ts';
