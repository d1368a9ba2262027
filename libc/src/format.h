/* The printf engine shared by the printf family: output goes to a sink. */
#ifndef FORMAT_H
#define FORMAT_H
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct sink {
  void (*put)(struct sink *s, const char *text, size_t n);
  char *buf;   /* string sinks */
  size_t cap;
  size_t len;  /* characters produced so far (also past cap) */
  FILE *file;  /* file sinks */
};

int __format(struct sink *s, const char *fmt, va_list ap);
/* %e %f %g %a (any case) of a double: see format-float.c. */
int __format_double(struct sink *s, double v, char conv, int prec, int flags, int width);
int __format_long_double(struct sink *s, long double v, char conv, int prec, int flags, int width);

#define F_MINUS 1
#define F_PLUS 2
#define F_SPACE 4
#define F_ALT 8
#define F_ZERO 16
#endif
