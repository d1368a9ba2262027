// Open file descriptions (shared by dup'ed descriptors) and the descriptor table.
import { OpenFlag } from '../abi.ts';
import { Errno, fail } from '../errno.ts';
import type { Inode } from './inode.ts';

export class OpenFile {
  /** Byte offset for files and devices; entry index for directories. */
  offset = 0;
  constructor(
    readonly inode: Inode,
    public flags: number,
  ) {}

  get readable(): boolean {
    return (this.flags & OpenFlag.O_ACCMODE) !== OpenFlag.O_WRONLY;
  }

  get writable(): boolean {
    const acc = this.flags & OpenFlag.O_ACCMODE;
    return acc === OpenFlag.O_WRONLY || acc === OpenFlag.O_RDWR;
  }
}

/** NaCl's descriptor table is small; 1024 keeps EMFILE reachable in tests. */
export const MAX_FDS = 1024;

export class FdTable {
  private readonly slots: (OpenFile | undefined)[] = [];

  get(fd: number): OpenFile {
    const f = Number.isInteger(fd) && fd >= 0 ? this.slots[fd] : undefined;
    if (!f) fail(Errno.EBADF, `bad file descriptor ${fd}`);
    return f;
  }

  /** Install at the lowest free descriptor. */
  add(file: OpenFile): number {
    for (let fd = 0; fd < MAX_FDS; fd++) {
      if (!this.slots[fd]) {
        this.slots[fd] = file;
        return fd;
      }
    }
    fail(Errno.EMFILE, 'too many open files');
  }

  /** Put `file` at descriptor `fd` (start-up: stdio at 0, 1, 2). */
  install(fd: number, file: OpenFile): void {
    if (!Number.isInteger(fd) || fd < 0 || fd >= MAX_FDS) fail(Errno.EBADF, `bad descriptor ${fd}`);
    this.slots[fd] = file;
  }

  close(fd: number): void {
    this.get(fd);
    this.slots[fd] = undefined;
  }

  dup(fd: number): number {
    return this.add(this.get(fd));
  }

  dup2(oldFd: number, newFd: number): number {
    const f = this.get(oldFd);
    if (!Number.isInteger(newFd) || newFd < 0 || newFd >= MAX_FDS) fail(Errno.EBADF, `bad descriptor ${newFd}`);
    this.slots[newFd] = f;
    return newFd;
  }

  /** The inodes open descriptors refer to. */
  *openInodes(): Generator<Inode> {
    for (const f of this.slots) if (f) yield f.inode;
  }

  /** Descriptors in use, lowest first (for tests and diagnostics). */
  openDescriptors(): number[] {
    const out: number[] = [];
    this.slots.forEach((f, i) => f && out.push(i));
    return out;
  }
}
