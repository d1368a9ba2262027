/* Directory streams over NaCl getdents (records: 64-bit ino, 64-bit off, 16-bit reclen, name). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "nacl-syscalls.h"

struct __dir {
  int fd;
  size_t pos, len;
  struct dirent entry;
  char buf[4096];
};

DIR *opendir(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) return NULL;
  DIR *d = malloc(sizeof *d);
  if (!d) { close(fd); errno = ENOMEM; return NULL; }
  d->fd = fd;
  d->pos = d->len = 0;
  return d;
}

struct dirent *readdir(DIR *d) {
  if (d->pos >= d->len) {
    int r = __nacl_getdents(d->fd, d->buf, sizeof d->buf);
    if (r <= 0) {
      if (r < 0) errno = -r;
      return NULL;
    }
    d->pos = 0;
    d->len = (size_t)r;
  }
  const char *rec = d->buf + d->pos;
  unsigned short reclen;
  memcpy(&d->entry.d_ino, rec, 8);
  memcpy(&d->entry.d_off, rec + 8, 8);
  memcpy(&reclen, rec + 16, 2);
  if (reclen < 19 || d->pos + reclen > d->len) { errno = EIO; d->pos = d->len; return NULL; }
  size_t name_len = strnlen(rec + 18, reclen - 18);
  if (name_len > 255) name_len = 255;
  memcpy(d->entry.d_name, rec + 18, name_len);
  d->entry.d_name[name_len] = 0;
  d->entry.d_reclen = reclen;
  d->pos += reclen;
  return &d->entry;
}

int closedir(DIR *d) {
  int r = close(d->fd);
  free(d);
  return r;
}
