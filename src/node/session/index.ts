// Node-only session helpers: `zerovm MANIFEST` and `zvm exec NEXE` on the host.
export { runManifest, type ManifestRun, type RunManifestOptions } from './run-manifest.ts';
export { execNexe, execStatus, processStdio, stdioChannels, type StdioDevices } from './exec-nexe.ts';
export { processCpuTime } from './cpu-time.ts';
export { ProcessStdinDevice } from './process-stdin.ts';
