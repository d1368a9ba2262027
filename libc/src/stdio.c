/* Buffered streams over read/write/lseek. stdout is line-buffered on a
   terminal and fully buffered otherwise; stderr is unbuffered. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "stdio-impl.h"

static char stdin_buf[BUFSIZ], stdout_buf[BUFSIZ];
static struct __file std_files[3] = {
  { 0, FILE_READ | FILE_STATIC, _IOFBF, stdin_buf, BUFSIZ, 0, 0, 0, EOF, &std_files[1] },
  { 1, FILE_WRITE | FILE_STATIC, -1, stdout_buf, BUFSIZ, 0, 0, 0, EOF, &std_files[2] },
  { 2, FILE_WRITE | FILE_STATIC, _IONBF, NULL, 0, 0, 0, 0, EOF, NULL },
};
FILE *stdin = &std_files[0], *stdout = &std_files[1], *stderr = &std_files[2];
static FILE *open_files = &std_files[0];

static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

int __stdio_flush_write(FILE *f) {
  if (f->wlen == 0) return 0;
  int r = write_all(f->fd, f->buf, f->wlen);
  f->wlen = 0;
  if (r < 0) { f->flags |= FILE_ERR; return EOF; }
  return 0;
}

/* Drops unread buffered input, moving the file position back to what the program has consumed. */
static void drop_read_buffer(FILE *f) {
  size_t unread = f->rlen - f->rpos + (f->ungot != EOF ? 1 : 0);
  if (unread) lseek(f->fd, -(off_t)unread, SEEK_CUR);
  f->rpos = f->rlen = 0;
  f->ungot = EOF;
}

int fflush(FILE *f) {
  if (!f) {
    int r = 0;
    for (FILE *g = open_files; g; g = g->next) if (fflush(g)) r = EOF;
    return r;
  }
  if (f->wlen) return __stdio_flush_write(f);
  return 0;
}

static int parse_mode(const char *mode, int *flags) {
  int o;
  switch (mode[0]) {
    case 'r': o = O_RDONLY; *flags = FILE_READ; break;
    case 'w': o = O_WRONLY | O_CREAT | O_TRUNC; *flags = FILE_WRITE; break;
    case 'a': o = O_WRONLY | O_CREAT | O_APPEND; *flags = FILE_WRITE; break;
    default: return -1;
  }
  if (strchr(mode, '+')) {
    o = (o & ~O_ACCMODE) | O_RDWR;
    *flags = FILE_READ | FILE_WRITE;
  }
  return o;
}

FILE *fdopen(int fd, const char *mode) {
  int flags;
  if (parse_mode(mode, &flags) < 0) { errno = EINVAL; return NULL; }
  FILE *f = calloc(1, sizeof *f);
  char *buf = malloc(BUFSIZ);
  if (!f || !buf) { free(f); free(buf); errno = ENOMEM; return NULL; }
  f->fd = fd;
  f->flags = flags | FILE_OWNBUF;
  f->mode = _IOFBF;
  f->buf = buf;
  f->size = BUFSIZ;
  f->ungot = EOF;
  f->next = open_files;
  open_files = f;
  return f;
}

FILE *fopen(const char *path, const char *mode) {
  int flags;
  int o = parse_mode(mode, &flags);
  if (o < 0) { errno = EINVAL; return NULL; }
  int fd = open(path, o, 0666);
  if (fd < 0) return NULL;
  FILE *f = fdopen(fd, mode);
  if (!f) close(fd);
  return f;
}

int fclose(FILE *f) {
  int r = fflush(f);
  if (close(f->fd) < 0) r = EOF;
  for (FILE **p = &open_files; *p; p = &(*p)->next) {
    if (*p == f) { *p = f->next; break; }
  }
  if (f->flags & FILE_OWNBUF) free(f->buf);
  if (!(f->flags & FILE_STATIC)) free(f);
  return r;
}

int setvbuf(FILE *f, char *buf, int mode, size_t size) {
  if (mode != _IONBF && mode != _IOLBF && mode != _IOFBF) return -1;
  fflush(f);
  f->mode = mode;
  if (buf && size) {
    if (f->flags & FILE_OWNBUF) free(f->buf);
    f->flags &= ~FILE_OWNBUF;
    f->buf = buf;
    f->size = size;
  }
  return 0;
}

static int output_mode(FILE *f) {
  if (f->mode < 0) f->mode = isatty(f->fd) > 0 ? _IOLBF : _IOFBF;
  return f->mode;
}

size_t fwrite(const void *ptr, size_t size, size_t count, FILE *f) {
  size_t n = size * count;
  if (n == 0) return 0;
  if (!(f->flags & FILE_WRITE)) { f->flags |= FILE_ERR; errno = EBADF; return 0; }
  if (f->rlen || f->ungot != EOF) drop_read_buffer(f);
  const char *p = ptr;
  int mode = output_mode(f);
  if (mode == _IONBF || f->size == 0) {
    if (write_all(f->fd, p, n) < 0) { f->flags |= FILE_ERR; return 0; }
    return count;
  }
  if (f->wlen + n > f->size) {
    if (__stdio_flush_write(f)) return 0;
    if (n >= f->size) {
      if (write_all(f->fd, p, n) < 0) { f->flags |= FILE_ERR; return 0; }
      return count;
    }
  }
  memcpy(f->buf + f->wlen, p, n);
  f->wlen += n;
  if (mode == _IOLBF && memchr(p, '\n', n) && __stdio_flush_write(f)) return 0;
  return count;
}

int fputc(int c, FILE *f) {
  unsigned char ch = (unsigned char)c;
  if (f->mode == _IOFBF && f->wlen < f->size && (f->flags & FILE_WRITE) && !f->rlen && f->ungot == EOF) {
    f->buf[f->wlen++] = (char)ch; /* the common case without the call chain */
    return ch;
  }
  return fwrite(&ch, 1, 1, f) == 1 ? ch : EOF;
}
int putc(int c, FILE *f) { return fputc(c, f); }
int putchar(int c) { return fputc(c, stdout); }

int fputs(const char *s, FILE *f) {
  size_t n = strlen(s);
  return fwrite(s, 1, n, f) == n || n == 0 ? 0 : EOF;
}

int puts(const char *s) {
  if (fputs(s, stdout) == EOF) return EOF;
  return fputc('\n', stdout) == EOF ? EOF : 0;
}

/* Refills the read buffer; returns 0, or EOF at end of file or on error. */
static int refill(FILE *f) {
  if (!(f->flags & FILE_READ)) { f->flags |= FILE_ERR; errno = EBADF; return EOF; }
  if (f->wlen && __stdio_flush_write(f)) return EOF;
  if (f == stdin) fflush(stdout); /* show a prompt before waiting for input */
  ssize_t r = read(f->fd, f->buf, f->size);
  if (r <= 0) {
    f->flags |= r == 0 ? FILE_EOF : FILE_ERR;
    return EOF;
  }
  f->rpos = 0;
  f->rlen = (size_t)r;
  return 0;
}

int fgetc(FILE *f) {
  if (f->ungot != EOF) {
    int c = f->ungot;
    f->ungot = EOF;
    return c;
  }
  if (f->rpos == f->rlen && refill(f)) return EOF;
  return (unsigned char)f->buf[f->rpos++];
}
int getc(FILE *f) { return fgetc(f); }
int getchar(void) { return fgetc(stdin); }

int ungetc(int c, FILE *f) {
  if (c == EOF || f->ungot != EOF) return EOF;
  f->ungot = (unsigned char)c;
  f->flags &= ~FILE_EOF;
  return (unsigned char)c;
}

size_t fread(void *ptr, size_t size, size_t count, FILE *f) {
  size_t want = size * count, got = 0;
  char *p = ptr;
  if (want == 0) return 0;
  if (f->ungot != EOF) {
    *p = (char)f->ungot;
    f->ungot = EOF;
    got = 1;
  }
  while (got < want) {
    if (f->rpos == f->rlen) {
      if (want - got >= f->size) { /* large reads bypass the buffer */
        if (f->wlen && __stdio_flush_write(f)) break;
        ssize_t r = read(f->fd, p + got, want - got);
        if (r <= 0) { f->flags |= r == 0 ? FILE_EOF : FILE_ERR; break; }
        got += (size_t)r;
        continue;
      }
      if (refill(f)) break;
    }
    size_t k = f->rlen - f->rpos;
    if (k > want - got) k = want - got;
    memcpy(p + got, f->buf + f->rpos, k);
    f->rpos += k;
    got += k;
  }
  return got / size;
}

char *fgets(char *buf, int size, FILE *f) {
  int i = 0;
  if (size <= 0) return NULL;
  while (i < size - 1) {
    int c = fgetc(f);
    if (c == EOF) break;
    buf[i++] = (char)c;
    if (c == '\n') break;
  }
  if (i == 0) return NULL;
  buf[i] = 0;
  return buf;
}

int fseek(FILE *f, long offset, int whence) {
  if (fflush(f)) return -1;
  off_t off = offset;
  if (whence == SEEK_CUR) off -= (off_t)(f->rlen - f->rpos) + (f->ungot != EOF ? 1 : 0);
  f->rpos = f->rlen = 0;
  f->ungot = EOF;
  if (lseek(f->fd, off, whence) < 0) return -1;
  f->flags &= ~FILE_EOF;
  return 0;
}

long ftell(FILE *f) {
  off_t pos = lseek(f->fd, 0, SEEK_CUR);
  if (pos < 0) return -1;
  pos += (off_t)f->wlen;
  pos -= (off_t)(f->rlen - f->rpos) + (f->ungot != EOF ? 1 : 0);
  return (long)pos;
}

void rewind(FILE *f) {
  fseek(f, 0, SEEK_SET);
  f->flags &= ~FILE_ERR;
}

int feof(FILE *f) { return (f->flags & FILE_EOF) != 0; }
int ferror(FILE *f) { return (f->flags & FILE_ERR) != 0; }
void clearerr(FILE *f) { f->flags &= ~(FILE_EOF | FILE_ERR); }
int fileno(FILE *f) { return f->fd; }
int remove(const char *path) { return unlink(path); }

void perror(const char *s) {
  if (s && *s) fprintf(stderr, "%s: %s\n", s, strerror(errno));
  else fprintf(stderr, "%s\n", strerror(errno));
}
