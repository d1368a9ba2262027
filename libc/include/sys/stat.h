#ifndef _SYS_STAT_H
#define _SYS_STAT_H
#include <sys/types.h>
/* NaCl's struct nacl_abi_stat (x86-64). */
struct stat {
  long long st_dev;
  unsigned long long st_ino;
  unsigned int st_mode;
  unsigned int st_nlink;
  unsigned int st_uid;
  unsigned int st_gid;
  long long st_rdev;
  long long st_size;
  int st_blksize;
  int st_blocks;
  long long st_atime;
  long long st_atimensec;
  long long st_mtime;
  long long st_mtimensec;
  long long st_ctime;
  long long st_ctimensec;
};
#define S_IFMT 0170000
#define S_IFDIR 0040000
#define S_IFREG 0100000
#define S_IFCHR 0020000
#define S_ISDIR(m) (((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m) (((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m) (((m) & S_IFMT) == S_IFCHR)
int fstat(int fd, struct stat *st);
int stat(const char *path, struct stat *st);
#endif
