// Node-only channel devices: host files and streams, mounting, and the host probe for the checks.
export { HostFileDevice } from './host-file.ts';
export { HostStreamDevice } from './host-stream.ts';
export { mountChannel, mountChannels, MountError } from './mount.ts';
export { nodeHostProbe, readProgramFile, sourceKind } from './host-probe.ts';
export { openSession, readManifestFile, type OpenedSession } from './open-session.ts';
