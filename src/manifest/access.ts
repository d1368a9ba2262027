// The effective direction of a channel comes from its limits, not from its type (CH_RW_TYPE in
// ZeroVM): readable iff gets > 0 and get_size > 0, writable iff puts > 0 and put_size > 0.
import type { ChannelLimits } from './types.ts';

export interface ChannelAccess {
  readable: boolean;
  writable: boolean;
}

export function channelAccess(limits: ChannelLimits): ChannelAccess {
  return {
    readable: limits.gets > 0n && limits.getSize > 0n,
    writable: limits.puts > 0n && limits.putSize > 0n,
  };
}

/** Reads ignore the user offset on types 0 and 2 (sequential get). */
export const isSequentialRead = (type: number): boolean => type === 0 || type === 2;
/** Writes ignore the user offset on types 0 and 1 (sequential put). */
export const isSequentialWrite = (type: number): boolean => type === 0 || type === 1;
