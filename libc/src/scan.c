/* The scanf family: sscanf, fscanf, scanf and their v forms. Directives:
   white space, literal characters, %% and the conversions d i u o x X p c s
   [set] n and e f g a (any case), with * (no assignment), a width and the
   length modifiers hh h l ll j z t L. Numbers are collected as text (at most
   the width) and converted by strtoull/strtoll/strtod/strtof/strtold. */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct source {
  const char *str; /* string input, or */
  FILE *file;      /* file input */
  int count;       /* characters consumed (%n) */
};

static int next(struct source *in) {
  int c = in->file ? fgetc(in->file) : (*in->str ? (unsigned char)*in->str++ : EOF);
  if (c != EOF) in->count++;
  return c;
}

static void back(struct source *in, int c) {
  if (c == EOF) return;
  in->count--;
  if (in->file) ungetc(c, in->file);
  else in->str--;
}

static int skip_space(struct source *in) {
  int c;
  while ((c = next(in)) != EOF && isspace(c)) {}
  back(in, c);
  return c;
}

/* Collects the longest prefix of a number (integer in base, or floating)
   into buf, at most width characters; returns its length. */
static int collect_number(struct source *in, char *buf, int width, int base, int floating) {
  int n = 0, c = next(in);
  int digits = 0, hex = base == 16, dot = 0, exp = 0;
  if (n < width && (c == '+' || c == '-')) { buf[n++] = (char)c; c = next(in); }
  if (floating && n < width && (c == 'i' || c == 'I' || c == 'n' || c == 'N')) {
    const char *word = (c == 'i' || c == 'I') ? "infinity" : "nan";
    int k = 0;
    while (n < width && word[k] && tolower(c) == word[k]) { buf[n++] = (char)c; k++; c = next(in); }
    back(in, c);
    buf[n] = 0;
    return (k >= 3) ? n : 0;
  }
  if (n < width && c == '0') {
    buf[n++] = (char)c;
    digits = 1;
    c = next(in);
    if (n < width && (c == 'x' || c == 'X') && (base == 0 || base == 16 || floating)) {
      buf[n++] = (char)c;
      hex = 1;
      digits = 0;
      c = next(in);
    } else if (base == 0 && !floating) {
      base = 8;
    }
  }
  for (; n < width && c != EOF; c = next(in)) {
    int ok = hex ? isxdigit(c) : base == 8 ? (c >= '0' && c <= '7') : isdigit(c);
    if (ok) { digits = 1; buf[n++] = (char)c; continue; }
    if (floating && c == '.' && !dot && !exp) { dot = 1; buf[n++] = (char)c; continue; }
    if (floating && digits && !exp && (hex ? (c == 'p' || c == 'P') : (c == 'e' || c == 'E'))) {
      exp = 1;
      buf[n++] = (char)c;
      c = next(in);
      if (n < width && (c == '+' || c == '-')) { buf[n++] = (char)c; continue; }
      back(in, c);
      continue;
    }
    break;
  }
  back(in, c);
  buf[n] = 0;
  return digits ? n : 0;
}

static void store_int(va_list *ap, int size, unsigned long long v) {
  switch (size) {
    case -2: *va_arg(*ap, signed char *) = (signed char)v; break;
    case -1: *va_arg(*ap, short *) = (short)v; break;
    case 1: *va_arg(*ap, long *) = (long)v; break;
    case 2: *va_arg(*ap, long long *) = (long long)v; break;
    case 3: *va_arg(*ap, size_t *) = (size_t)v; break;
    case 4: *va_arg(*ap, intmax_t *) = (intmax_t)v; break;
    default: *va_arg(*ap, int *) = (int)v; break;
  }
}

static int scan(struct source *in, const char *fmt, va_list ap0) {
  va_list ap;
  va_copy(ap, ap0);
  int assigned = 0, any = 0;
  char buf[512];
  for (; *fmt; fmt++) {
    if (isspace((unsigned char)*fmt)) { skip_space(in); continue; }
    if (*fmt != '%' || fmt[1] == '%') {
      if (*fmt == '%') { fmt++; skip_space(in); }
      int c = next(in);
      if (c != (unsigned char)*fmt) { back(in, c); break; }
      continue;
    }
    fmt++;
    int skip = *fmt == '*';
    if (skip) fmt++;
    int width = 0;
    while (isdigit((unsigned char)*fmt)) width = width * 10 + (*fmt++ - '0');
    int size = 0; /* -2 hh, -1 h, 1 l, 2 ll, 3 z/t, 4 j, 5 L */
    for (;; fmt++) {
      if (*fmt == 'h') size = size == -1 ? -2 : -1;
      else if (*fmt == 'l') size = size == 1 ? 2 : 1;
      else if (*fmt == 'z' || *fmt == 't') size = 3;
      else if (*fmt == 'j') size = 4;
      else if (*fmt == 'L' || *fmt == 'q') size = 5;
      else break;
    }
    char conv = *fmt;
    if (conv == 'n') {
      if (!skip) store_int(&ap, size, (unsigned long long)in->count);
      continue;
    }
    if (conv != 'c' && conv != '[' && skip_space(in) == EOF) break;
    if (conv == 'c' || conv == 's' || conv == '[') {
      int max = width ? width : conv == 'c' ? 1 : 0x7fffffff;
      char set[256] = {0};
      if (conv == '[') {
        const char *p = fmt + 1;
        int negate = *p == '^';
        if (negate) p++;
        if (*p == ']') set[(unsigned char)*p++] = 1;
        for (; *p && *p != ']'; p++) {
          if (p[1] == '-' && p[2] && p[2] != ']') {
            for (int c = (unsigned char)p[0]; c <= (unsigned char)p[2]; c++) set[c] = 1;
            p += 2;
          } else {
            set[(unsigned char)*p] = 1;
          }
        }
        if (negate) for (int c = 0; c < 256; c++) set[c] = !set[c];
        fmt = *p ? p : p - 1;
      }
      char *out = skip ? NULL : va_arg(ap, char *);
      int n = 0, c = 0;
      while (n < max && (c = next(in)) != EOF) {
        if ((conv == 's' && isspace(c)) || (conv == '[' && !set[c])) { back(in, c); break; }
        if (out) out[n] = (char)c;
        n++;
      }
      if (n == 0 || (conv == 'c' && n < max)) break;
      if (out && conv != 'c') out[n] = 0;
      if (!skip) assigned++;
      any = 1;
      continue;
    }
    int floating = strchr("eEfFgGaA", conv) != NULL;
    int base = conv == 'd' || conv == 'u' ? 10 : conv == 'i' ? 0 : conv == 'o' ? 8 : 16;
    if (!floating && !strchr("diuoxXp", conv)) break;
    int max = width && width < (int)sizeof buf - 1 ? width : (int)sizeof buf - 1;
    if (collect_number(in, buf, max, floating ? 10 : base, floating) == 0) break;
    any = 1;
    if (skip) continue;
    if (floating) {
      if (size == 5) *va_arg(ap, long double *) = strtold(buf, NULL);
      else if (size == 1) *va_arg(ap, double *) = strtod(buf, NULL);
      else *va_arg(ap, float *) = strtof(buf, NULL);
    } else if (conv == 'p') {
      *va_arg(ap, void **) = (void *)(uintptr_t)strtoull(buf, NULL, 16);
    } else {
      unsigned long long v = conv == 'd' || conv == 'i' ? (unsigned long long)strtoll(buf, NULL, base) : strtoull(buf, NULL, base);
      store_int(&ap, size, v);
    }
    assigned++;
  }
  va_end(ap);
  return assigned == 0 && !any && (in->file ? feof(in->file) : *in->str == 0) ? EOF : assigned;
}

int vsscanf(const char *str, const char *fmt, va_list ap) {
  struct source in = { str, NULL, 0 };
  return scan(&in, fmt, ap);
}

int vfscanf(FILE *f, const char *fmt, va_list ap) {
  struct source in = { NULL, f, 0 };
  return scan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap) { return vfscanf(stdin, fmt, ap); }

int sscanf(const char *str, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vsscanf(str, fmt, ap);
  va_end(ap);
  return r;
}

int fscanf(FILE *f, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vfscanf(f, fmt, ap);
  va_end(ap);
  return r;
}

int scanf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int r = vfscanf(stdin, fmt, ap);
  va_end(ap);
  return r;
}
