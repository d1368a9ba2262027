// What the set-up checks need to know about the host. The core never touches the file system:
// src/node/channels/host-probe.ts answers these questions with fs.stat/read.

/** What a channel source path is on the host (open(O_RDONLY|O_NONBLOCK) + fstat in ZeroVM). */
export type SourceKind = 'missing' | 'regular' | 'directory' | 'character' | 'block' | 'fifo' | 'socket' | 'other';

/** The Program file: absent, not something that can be read whole, too large, or its bytes. */
export type ProgramFile =
  | { kind: 'missing' }
  | { kind: 'not-a-file'; what: string }
  | { kind: 'too-large'; size: number }
  | { kind: 'contents'; bytes: Uint8Array };

export interface HostProbe {
  program(path: string): ProgramFile;
  source(path: string): SourceKind;
}

/** ZeroVM's LARGEST_NEXE: 1 GiB. */
export const LARGEST_PROGRAM = 0x4000_0000;
