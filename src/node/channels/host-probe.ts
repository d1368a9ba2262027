// The HostProbe of the manifest checks, answered from the real file system.
import * as fs from 'node:fs';
import { LARGEST_PROGRAM, type HostProbe, type ProgramFile, type SourceKind } from '../../manifest/host-probe.ts';

/** Kind of a path, following symlinks (ZeroVM opens it and fstat()s the descriptor). */
export function sourceKind(path: string): SourceKind {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch {
    return 'missing';
  }
  if (st.isFile()) return 'regular';
  if (st.isDirectory()) return 'directory';
  if (st.isCharacterDevice()) return 'character';
  if (st.isBlockDevice()) return 'block';
  if (st.isFIFO()) return 'fifo';
  if (st.isSocket()) return 'socket';
  return 'other';
}

export function readProgramFile(path: string): ProgramFile {
  let st: fs.Stats;
  try {
    st = fs.statSync(path);
  } catch {
    return { kind: 'missing' };
  }
  if (!st.isFile()) {
    const what = st.isCharacterDevice() ? 'a character device' : st.isDirectory() ? 'a directory' : 'a special file';
    return { kind: 'not-a-file', what };
  }
  if (st.size > LARGEST_PROGRAM) return { kind: 'too-large', size: st.size };
  try {
    return { kind: 'contents', bytes: new Uint8Array(fs.readFileSync(path)) };
  } catch (e) {
    return { kind: 'not-a-file', what: `unreadable (${(e as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/**
 * The host as it is. Relative Program paths resolve against `cwd` (zerovm resolves them against its
 * working directory); `overrides` replaces chosen paths, e.g. to say what a test's stdin should be.
 */
export function nodeHostProbe(options: { cwd?: string; programs?: Record<string, string>; sources?: Record<string, SourceKind> } = {}): HostProbe {
  const resolve = (p: string): string => (p.startsWith('/') || !options.cwd ? p : `${options.cwd}/${p}`);
  return {
    // An empty Program names no file at all (zerovm: "nexe open error").
    program: (path) => (path === '' ? { kind: 'missing' } : readProgramFile(resolve(options.programs?.[path] ?? path))),
    source: (path) => options.sources?.[path] ?? sourceKind(path),
  };
}
