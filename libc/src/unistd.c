/* POSIX-style wrappers: NaCl returns -errno, POSIX wants -1 and errno. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include "nacl-syscalls.h"

int errno; /* one thread: a plain global (see errno.h) */

static int check(int r) {
  if (r < 0) {
    errno = -r;
    return -1;
  }
  return r;
}

ssize_t read(int fd, void *buf, size_t n) { return check(__nacl_read(fd, buf, n)); }
ssize_t write(int fd, const void *buf, size_t n) { return check(__nacl_write(fd, buf, n)); }
int close(int fd) { return check(__nacl_close(fd)); }
int unlink(const char *path) { return check(__nacl_unlink(path)); }
int fstat(int fd, struct stat *st) { return check(__nacl_fstat(fd, st)); }
int stat(const char *path, struct stat *st) { return check(__nacl_stat(path, st)); }

int isatty(int fd) {
  int r = __nacl_isatty(fd);
  if (r < 0) { errno = -r; return 0; }
  return r != 0;
}

off_t lseek(int fd, off_t offset, int whence) {
  off_t pos = offset;
  int r = __nacl_lseek(fd, &pos, whence);
  if (r < 0) { errno = -r; return -1; }
  return pos;
}

int open(const char *path, int flags, ...) {
  int mode = 0;
  if (flags & O_CREAT) {
    va_list ap;
    va_start(ap, flags);
    mode = va_arg(ap, int);
    va_end(ap);
  }
  return check(__nacl_open(path, flags, mode));
}
