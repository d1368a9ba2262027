#include <stdio.h>
#include <string.h>
#include "format.h"

static void put_file(struct sink *s, const char *text, size_t n) {
  s->len += n;
  if (n == 1) fputc(*text, s->file);
  else fwrite(text, 1, n, s->file);
}

static void put_string(struct sink *s, const char *text, size_t n) {
  if (s->len + 1 < s->cap) {
    size_t room = s->cap - 1 - s->len;
    memcpy(s->buf + s->len, text, n < room ? n : room);
  }
  s->len += n;
}

int vfprintf(FILE *f, const char *fmt, va_list ap) {
  struct sink s = { put_file, NULL, 0, 0, f };
  return __format(&s, fmt, ap);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap) {
  struct sink s = { put_string, buf, size, 0, NULL };
  int n = __format(&s, fmt, ap);
  if (size) buf[s.len < size ? s.len : size - 1] = 0;
  return n;
}

int vsprintf(char *buf, const char *fmt, va_list ap) { return vsnprintf(buf, (size_t)-1 >> 1, fmt, ap); }
int vprintf(const char *fmt, va_list ap) { return vfprintf(stdout, fmt, ap); }

int printf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(stdout, fmt, ap);
  va_end(ap);
  return n;
}

int fprintf(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vfprintf(f, fmt, ap);
  va_end(ap);
  return n;
}

int sprintf(char *buf, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsprintf(buf, fmt, ap);
  va_end(ap);
  return n;
}

int snprintf(char *buf, size_t size, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(buf, size, fmt, ap);
  va_end(ap);
  return n;
}
