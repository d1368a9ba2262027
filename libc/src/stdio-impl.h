/* FILE internals shared by the stdio sources. */
#ifndef STDIO_IMPL_H
#define STDIO_IMPL_H
#include <stdio.h>

#define FILE_READ 1
#define FILE_WRITE 2
#define FILE_EOF 4
#define FILE_ERR 8
#define FILE_OWNBUF 16
#define FILE_STATIC 32

struct __file {
  int fd;
  int flags;
  int mode;         /* _IOFBF, _IOLBF, _IONBF */
  char *buf;
  size_t size;
  size_t rpos, rlen; /* read buffer: next byte, valid bytes */
  size_t wlen;       /* write buffer: pending bytes */
  int ungot;         /* pushed-back char or EOF */
  struct __file *next;
};

int __stdio_flush_write(FILE *f);
#endif
