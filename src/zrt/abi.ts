// NaCl ABI constants the runtime needs (facts from native_client's service_runtime/include headers).

/** open() flags: NaCl's own values (sys/fcntl.h), which are Linux's octal values, not newlib's defaults. */
export const OpenFlag = {
  O_ACCMODE: 0o3,
  O_RDONLY: 0o0,
  O_WRONLY: 0o1,
  O_RDWR: 0o2,
  O_CREAT: 0o100,
  O_EXCL: 0o200,
  O_NOCTTY: 0o400,
  O_TRUNC: 0o1000,
  O_APPEND: 0o2000,
  O_NONBLOCK: 0o4000,
  O_SYNC: 0o10000,
  O_ASYNC: 0o20000,
  // NaCl's header has no O_DIRECTORY/O_NOFOLLOW; these are the Linux values its glibc port uses.
  O_DIRECTORY: 0o200000,
  O_NOFOLLOW: 0o400000,
  O_CLOEXEC: 0o2000000,
} as const;

/** st_mode file type and permission bits (sys/stat.h, the Linux-compatible __S_* values). */
export const Mode = {
  S_IFMT: 0o170000,
  S_IFSOCK: 0o140000,
  S_IFLNK: 0o120000,
  S_IFREG: 0o100000,
  S_IFBLK: 0o060000,
  S_IFDIR: 0o040000,
  S_IFCHR: 0o020000,
  S_IFIFO: 0o010000,
  PERMS: 0o7777,
} as const;

/** access() modes. */
export const AccessMode = { F_OK: 0, X_OK: 1, W_OK: 2, R_OK: 4 } as const;

/** lseek whence. */
export const Whence = { SEEK_SET: 0, SEEK_CUR: 1, SEEK_END: 2 } as const;

/** mmap/mprotect (bits/mman.h). */
export const Mman = {
  PROT_NONE: 0,
  PROT_READ: 1,
  PROT_WRITE: 2,
  PROT_EXEC: 4,
  PROT_MASK: 7,
  MAP_SHARED: 0x01,
  MAP_PRIVATE: 0x02,
  MAP_SHARING_MASK: 0x03,
  MAP_FIXED: 0x10,
  MAP_ANONYMOUS: 0x20,
} as const;

/** sysconf names (sys/unistd.h) */
export const Sysconf = { NPROCESSORS_ONLN: 1, PAGESIZE: 2 } as const;

/** NaCl maps memory in 64 KiB pages; sysconf(_SC_PAGESIZE) reports this. */
export const NACL_PAGE_SIZE = 0x10000;

/** Longest path the runtime copies in from the guest (Linux PATH_MAX; the NUL included). */
export const PATH_MAX = 4096;
/** Longest single path component (MAXNAMLEN). */
export const NAME_MAX = 255;

/**
 * Struct layouts of the 64-bit NaCl ABI, as byte offsets.
 * nacl_abi_stat: dev i64, ino u64, mode u32, nlink u32, uid u32, gid u32, rdev i64, size i64,
 * blksize i32, blocks i32, then atime/mtime/ctime each as i64 seconds + i64 nanoseconds: 104 bytes.
 */
export const StatLayout = {
  dev: 0,
  ino: 8,
  mode: 16,
  nlink: 20,
  uid: 24,
  gid: 28,
  rdev: 32,
  size: 40,
  blksize: 48,
  blocks: 52,
  atime: 56,
  atimensec: 64,
  mtime: 72,
  mtimensec: 80,
  ctime: 88,
  ctimensec: 96,
  SIZE: 104,
} as const;

/** nacl_abi_timeval: i64 tv_sec, i32 tv_usec (a 32-bit long), padded to 16. */
export const TimevalLayout = { sec: 0, usec: 8, SIZE: 16 } as const;
/** nacl_abi_timespec: i64 tv_sec, i32 tv_nsec (a 32-bit long), padded to 16. */
export const TimespecLayout = { sec: 0, nsec: 8, SIZE: 16 } as const;
/** nacl_abi_dirent: u64 d_ino, i64 d_off, u16 d_reclen, then the NUL-terminated name; records 8-aligned. */
export const DirentLayout = { ino: 0, off: 8, reclen: 16, name: 18 } as const;
