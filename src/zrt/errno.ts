// NaCl errno numbers (service_runtime/include/sys/errno.h): below 2048 they equal Linux's.
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  EIO: 5,
  ENXIO: 6,
  E2BIG: 7,
  EBADF: 9,
  EAGAIN: 11,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EBUSY: 16,
  EEXIST: 17,
  EXDEV: 18,
  ENODEV: 19,
  ENOTDIR: 20,
  EISDIR: 21,
  EINVAL: 22,
  ENFILE: 23,
  EMFILE: 24,
  ENOTTY: 25,
  EFBIG: 27,
  ENOSPC: 28,
  ESPIPE: 29,
  EROFS: 30,
  EMLINK: 31,
  EPIPE: 32,
  ERANGE: 34,
  ENAMETOOLONG: 36,
  ENOSYS: 38,
  ENOTEMPTY: 39,
  ELOOP: 40,
  EOVERFLOW: 75,
  EDQUOT: 122,
} as const;

export type ErrnoValue = (typeof Errno)[keyof typeof Errno];

/** A file system or system call failure that maps to one NaCl errno (returned negated to the guest). */
export class ZrtErrno extends Error {
  override readonly name = 'ZrtErrno';
  constructor(
    readonly errno: number,
    detail = '',
  ) {
    super(`errno ${errno}${detail ? `: ${detail}` : ''}`);
  }
}

/** Shorthand used by the file system: throw the errno as a ZrtErrno. */
export function fail(errno: number, detail = ''): never {
  throw new ZrtErrno(errno, detail);
}
