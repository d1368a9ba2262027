// The parsed /dev/nvram configuration.
import type { ChannelMode } from '../fs/devices.ts';

export interface EnvVar {
  readonly name: string;
  readonly value: string;
}

export interface FstabRecord {
  /** Channel alias holding the tar image (or receiving it, for `wo`). */
  readonly channel: string;
  readonly mountpoint: string;
  /** `ro` unpacks the image at start (lazily); `wo` writes the subtree as a tar at exit. */
  readonly access: 'ro' | 'wo';
  readonly removable: boolean;
  readonly fsname: string;
  readonly line: number;
}

export interface SkippedRecord {
  readonly line: number;
  readonly reason: string;
}

export interface NvramConfig {
  /** argv from [args], or undefined when there is no args record. */
  readonly args: readonly string[] | undefined;
  readonly env: readonly EnvVar[];
  readonly fstab: readonly FstabRecord[];
  /** [mapping]: channel alias to the file type stat() reports. */
  readonly mapping: ReadonlyMap<string, ChannelMode>;
  /** [time] seconds: the start of the deterministic clock. */
  readonly timeSeconds: number | undefined;
  readonly debugVerbosity: number | undefined;
  readonly precache: boolean;
  /** Records ZRT ignores, with why (e.g. fstab access=rw, unknown sections). */
  readonly skipped: readonly SkippedRecord[];
}

export const emptyNvram: NvramConfig = {
  args: undefined,
  env: [],
  fstab: [],
  mapping: new Map(),
  timeSeconds: undefined,
  debugVerbosity: undefined,
  precache: false,
  skipped: [],
};
