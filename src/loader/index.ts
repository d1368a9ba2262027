// The minimal loader and the hello host (the real runtime comes later).
export { loadNexe, type LoadOptions, type LoadedNexe } from './load.ts';
export { helloHost, type HelloHost } from './hello-host.ts';
export * from './layout.ts';
