// The parsed form of a ZeroVM manifest (format 20130611).

/** The 14 protocol names ZeroVM matches (case-insensitively) before the first ':' of a channel source. */
export const SOURCE_PROTOCOLS = [
  'TCP', 'UDP', 'IPC', 'INPROC', 'PGM', 'EPGM',
  'Regular', 'Directory', 'Character', 'Block', 'FIFO', 'Link', 'Opaque', 'Socket',
] as const;
export type SourceProtocol = (typeof SOURCE_PROTOCOLS)[number];

/** An absolute host path. */
export interface FileSource {
  kind: 'file';
  path: string;
}

/** `<protocol>:<host>:<port>`; host is an IPv4 address when it has a dot, else a numeric node id. */
export interface ConnectionSource {
  kind: 'connection';
  protocol: SourceProtocol;
  /** The IPv4 address as an integer (a.b.c.d = a*2^24+...) or the node id (as a uint32, like ZeroVM). */
  host: number;
  hostIsAddress: boolean;
  port: number;
}

export type ChannelSource = FileSource | ConnectionSource;

/** Channel type 0..3 (enum ChannelType in api/zvm.h). */
export const ChannelType = {
  SGetSPut: 0,
  RGetSPut: 1,
  SGetRPut: 2,
  RGetRPut: 3,
} as const;

/** Quotas in manifest order. Exact int64 values (>= 0 once parsed). */
export interface ChannelLimits {
  gets: bigint;
  getSize: bigint;
  puts: bigint;
  putSize: bigint;
}

export interface ChannelSpec {
  /** 1-based manifest line of the Channel key. */
  line: number;
  sources: ChannelSource[];
  alias: string;
  /**
   * The type as ZeroVM stores it (the int64 cut to an unsigned 32-bit enum). Values above 3 are only
   * refused when the channel is mounted (see checks.ts), exactly like ZeroVM.
   */
  type: number;
  etag: boolean;
  limits: ChannelLimits;
}

export interface Manifest {
  version: string;
  program: string;
  /** Memory budget in bytes as written (range checked later: see checks.ts). */
  memory: bigint;
  /** Etag of the readable user memory at exit. */
  memoryEtag: boolean;
  /** Seconds, as ZeroVM's int32 field holds it (range checked later). */
  timeout: number;
  /** In manifest order; sorted only when mounted. */
  channels: ChannelSpec[];
  nameServer?: ChannelSource;
  /** ZeroVM's int field (the int64 value cut to 32 bits). */
  node?: number;
  job?: string;
  etag?: string;
}
