// Writes a ZeroVM manifest for a program in a temp directory: stdin from a file, stdout (etag on)
// and stderr into files.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface ManifestFiles {
  dir: string;
  manifest: string;
  stdout: string;
  stderr: string;
}

export function writeManifest(program: string, options: { stdin?: Uint8Array; memory?: number; memoryEtag?: boolean; timeout?: number } = {}): ManifestFiles {
  const dir = mkdtempSync(path.join(tmpdir(), 'zvm-run-'));
  const stdin = path.join(dir, 'stdin');
  const stdout = path.join(dir, 'stdout');
  const stderr = path.join(dir, 'stderr');
  writeFileSync(stdin, options.stdin ?? new Uint8Array(0));
  const manifest = path.join(dir, 'session.manifest');
  writeFileSync(manifest, [
    'Version = 20130611',
    `Program = ${program}`,
    `Memory = ${options.memory ?? 64 << 20}, ${options.memoryEtag ? 1 : 0}`,
    `Timeout = ${options.timeout ?? 60}`,
    `Channel = ${stdin}, /dev/stdin, 0, 0, 1000, 1000000, 0, 0`,
    `Channel = ${stdout}, /dev/stdout, 0, 1, 0, 0, 1000, 1000000`,
    `Channel = ${stderr}, /dev/stderr, 0, 0, 0, 0, 1000, 1000000`,
    '',
  ].join('\n'));
  return { dir, manifest, stdout, stderr };
}
