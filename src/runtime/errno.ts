// Linux errno numbers used by ZeroVM: trap results are their negatives, the zerovm exit status is the
// first fatal one. Values are the x86-64 Linux ones (asm-generic/errno-base.h, errno.h).
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  EINTR: 4,
  EIO: 5,
  ENOEXEC: 8,
  ENOMEM: 12,
  EACCES: 13,
  EFAULT: 14,
  EINVAL: 22,
  ENFILE: 23,
  EPIPE: 32,
  ENOSYS: 38,
  EPROTONOSUPPORT: 93,
  EDQUOT: 122,
} as const;

export type ErrnoName = keyof typeof Errno;

const names = new Map<number, ErrnoName>(
  (Object.entries(Errno) as [ErrnoName, number][]).map(([name, value]) => [value, name]),
);

/** "EFAULT" for 14; "errno N" for numbers outside the table. */
export function errnoName(value: number): string {
  return names.get(value) ?? `errno ${value}`;
}
