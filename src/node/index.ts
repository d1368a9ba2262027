// Node-only entry point: the core plus host-file channels, terminal sessions, the toolchain and the CLI.
export * from '../index.ts';
export * as nodeChannels from './channels/index.ts';
export * as nodeSession from './session/index.ts';
export { buildNexe } from '../toolchain/build-nexe.ts';
export { main as cliMain } from '../cli/main.ts';
