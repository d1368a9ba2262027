// Exporting a subtree as tar members (ZRT's `access=wo` fstab records, written at exit).
import type { TarEntry } from '../tar/entry.ts';
import { writeTar } from '../tar/writer.ts';
import { Errno, fail } from '../errno.ts';
import type { MemoryFileSystem } from './file-system.ts';
import type { DirInode } from './inode.ts';

/** Members for everything under `mountpoint` (sorted by name; /dev and devices skipped; hard links kept). */
export function exportEntries(fs: MemoryFileSystem, mountpoint: string): TarEntry[] {
  const top = fs.lookup(mountpoint, fs.root, true);
  if (top.kind !== 'dir') fail(Errno.ENOTDIR, `${mountpoint} is not a directory`);
  const out: TarEntry[] = [];
  const firstPath = new Map<number, string>();
  const walk = (dir: DirInode, prefix: string) => {
    for (const name of [...dir.entries.keys()].sort()) {
      const node = dir.entries.get(name)!;
      const path = prefix ? `${prefix}/${name}` : name;
      const common = { path, mode: node.mode & 0o7777, uid: node.uid, gid: node.gid, mtime: node.mtime.sec };
      if (node.kind === 'dir') {
        if (node.devfs) continue;
        out.push({ ...common, type: 'dir', data: new Uint8Array(0), linkpath: '' });
        walk(node, path);
      } else if (node.kind === 'symlink') {
        out.push({ ...common, type: 'symlink', data: new Uint8Array(0), linkpath: node.target });
      } else if (node.kind === 'file') {
        const seen = firstPath.get(node.ino);
        if (seen !== undefined) out.push({ ...common, type: 'hardlink', data: new Uint8Array(0), linkpath: seen });
        else {
          if (node.nlink > 1) firstPath.set(node.ino, path);
          out.push({ ...common, type: 'file', data: node.data.slice(0, node.size), linkpath: '' });
        }
      }
    }
  };
  walk(top, '');
  return out;
}

export function exportTar(fs: MemoryFileSystem, mountpoint: string): Uint8Array {
  return writeTar(exportEntries(fs, mountpoint));
}
