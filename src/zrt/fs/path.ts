// Path text helpers (no file system access).
import { Errno, fail } from '../errno.ts';
import { NAME_MAX, PATH_MAX } from '../abi.ts';

export interface ParsedPath {
  readonly absolute: boolean;
  readonly parts: string[];
  /** The path ends in '/', so its last component must be a directory. */
  readonly trailingSlash: boolean;
}

export function parsePath(path: string): ParsedPath {
  if (path.length === 0) fail(Errno.ENOENT, 'empty path');
  if (path.length >= PATH_MAX) fail(Errno.ENAMETOOLONG, 'path too long');
  const parts = path.split('/').filter((p) => p.length > 0);
  for (const p of parts) if (p.length > NAME_MAX) fail(Errno.ENAMETOOLONG, 'name too long');
  return { absolute: path.startsWith('/'), parts, trailingSlash: path.endsWith('/') && parts.length > 0 };
}

/** Lexically normalised absolute form ("." dropped, ".." clamped at "/"), for mount bookkeeping. */
export function normalizeAbsolute(path: string): string {
  const out: string[] = [];
  for (const p of path.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return '/' + out.join('/');
}
