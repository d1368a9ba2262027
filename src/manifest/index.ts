// ZeroVM manifests: parse (format 20130611) and the set-up checks that decide zerovm's exit status.
export { parseManifest, tryParseManifest, MANIFEST_VERSION, type ManifestResult } from './parse.ts';
export { ManifestError, type ManifestStage } from './error.ts';
export { checkSession, type CheckedSession, MIN_CHANNELS, MAX_CHANNELS } from './session-checks.ts';
export { sortChannels, compareChannelAliases, STANDARD_ALIASES } from './channel-order.ts';
export { channelAccess, isSequentialRead, isSequentialWrite, type ChannelAccess } from './access.ts';
export { parseCInteger, type CIntegerResult } from './c-integer.ts';
export type { HostProbe, ProgramFile, SourceKind } from './host-probe.ts';
export * from './types.ts';
export { sessionStatus, type SessionStatus } from './status.ts';
