/* printf conversions: d i u x X o s c p n % with flags - + space # 0 (and ',
   which groups nothing in the C locale), width, precision and the length
   modifiers hh h l ll z j t L; e f g a go to format-float.c. */
#include <stdint.h>
#include <string.h>
#include "format.h"

static void pad(struct sink *s, char c, int n) {
  if (n <= 0) return; /* the usual case: no width */
  char block[32];
  memset(block, c, sizeof block);
  while (n > 0) {
    int k = n > 32 ? 32 : n;
    s->put(s, block, (size_t)k);
    n -= k;
  }
}

/* Emits prefix + zero padding + digits, justified in `width`. */
static void emit_number(struct sink *s, const char *prefix, const char *digits, int ndigits, int prec, int flags, int width) {
  int plen = (int)strlen(prefix);
  int zeros = prec > ndigits ? prec - ndigits : 0;
  int total = plen + zeros + ndigits;
  if ((flags & F_ZERO) && !(flags & F_MINUS) && prec < 0 && width > total) {
    zeros += width - total;
    total = width;
  }
  if (!(flags & F_MINUS)) pad(s, ' ', width - total);
  s->put(s, prefix, (size_t)plen);
  pad(s, '0', zeros);
  s->put(s, digits, (size_t)ndigits);
  if (flags & F_MINUS) pad(s, ' ', width - total);
}

static int to_digits(char *end, uintmax_t v, unsigned base, int upper) {
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  int n = 0;
  do {
    *--end = set[v % base];
    v /= base;
    n++;
  } while (v);
  return n;
}

int __format(struct sink *s, const char *fmt, va_list ap) {
  while (*fmt) {
    if (*fmt != '%') {
      const char *start = fmt;
      while (*fmt && *fmt != '%') fmt++;
      s->put(s, start, (size_t)(fmt - start));
      continue;
    }
    fmt++;
    int flags = 0;
    for (;; fmt++) {
      if (*fmt == '-') flags |= F_MINUS;
      else if (*fmt == '+') flags |= F_PLUS;
      else if (*fmt == ' ') flags |= F_SPACE;
      else if (*fmt == '#') flags |= F_ALT;
      else if (*fmt == '\'') continue; /* thousands grouping: none in the C locale */
      else if (*fmt == '0') flags |= F_ZERO;
      else break;
    }
    int width = 0;
    if (*fmt == '*') {
      width = va_arg(ap, int);
      if (width < 0) { flags |= F_MINUS; width = -width; }
      fmt++;
    } else {
      while (*fmt >= '0' && *fmt <= '9') width = width * 10 + (*fmt++ - '0');
    }
    int prec = -1;
    if (*fmt == '.') {
      fmt++;
      prec = 0;
      if (*fmt == '*') {
        prec = va_arg(ap, int);
        if (prec < 0) prec = -1;
        fmt++;
      } else {
        while (*fmt >= '0' && *fmt <= '9') prec = prec * 10 + (*fmt++ - '0');
      }
    }
    int size = 0; /* -2 hh, -1 h, 1 l, 2 ll, 3 size_t/ptrdiff, 4 intmax, 5 long double */
    for (;; fmt++) {
      if (*fmt == 'h') size = size == -1 ? -2 : -1;
      else if (*fmt == 'l') size = size == 1 ? 2 : 1;
      else if (*fmt == 'z' || *fmt == 't') size = 3;
      else if (*fmt == 'j') size = 4;
      else if (*fmt == 'L') size = 5;
      else break;
    }
    char conv = *fmt;
    if (conv) fmt++;
    char buf[72];
    char *end = buf + sizeof buf;
    switch (conv) {
      case 'd':
      case 'i': {
        intmax_t v;
        if (size == 2 || size == 4) v = va_arg(ap, long long);
        else if (size == 1) v = va_arg(ap, long);
        else if (size == 3) v = va_arg(ap, ptrdiff_t);
        else v = va_arg(ap, int);
        if (size == -1) v = (short)v;
        else if (size == -2) v = (signed char)v;
        uintmax_t mag = v < 0 ? (uintmax_t)0 - (uintmax_t)v : (uintmax_t)v;
        int n = (prec == 0 && mag == 0) ? 0 : to_digits(end, mag, 10, 0);
        const char *prefix = v < 0 ? "-" : (flags & F_PLUS) ? "+" : (flags & F_SPACE) ? " " : "";
        emit_number(s, prefix, end - n, n, prec, flags, width);
        break;
      }
      case 'u':
      case 'x':
      case 'X':
      case 'o':
      case 'p': {
        uintmax_t v;
        if (conv == 'p') {
          v = (uintptr_t)va_arg(ap, void *);
          if (v == 0) { /* glibc prints a null pointer as "(nil)", padded like a string */
            if (!(flags & F_MINUS)) pad(s, ' ', width - 5);
            s->put(s, "(nil)", 5);
            if (flags & F_MINUS) pad(s, ' ', width - 5);
            break;
          }
        } else if (size == 2 || size == 4) v = va_arg(ap, unsigned long long);
        else if (size == 1) v = va_arg(ap, unsigned long);
        else if (size == 3) v = va_arg(ap, size_t);
        else v = va_arg(ap, unsigned);
        if (size == -1) v = (unsigned short)v;
        else if (size == -2) v = (unsigned char)v;
        unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
        int n = (prec == 0 && v == 0) ? 0 : to_digits(end, v, base, conv == 'X');
        const char *prefix = "";
        if (conv == 'p') prefix = "0x";
        else if ((flags & F_ALT) && v != 0 && conv == 'x') prefix = "0x";
        else if ((flags & F_ALT) && v != 0 && conv == 'X') prefix = "0X";
        else if ((flags & F_ALT) && conv == 'o' && (n == 0 || end[-n] != '0') && prec <= n) prefix = "0";
        emit_number(s, prefix, end - n, n, prec, flags, width);
        break;
      }
      case 'c': {
        char c = (char)va_arg(ap, int);
        if (!(flags & F_MINUS)) pad(s, ' ', width - 1);
        s->put(s, &c, 1);
        if (flags & F_MINUS) pad(s, ' ', width - 1);
        break;
      }
      case 's': {
        const char *str = va_arg(ap, const char *);
        if (!str) str = "(null)";
        size_t n = prec >= 0 ? strnlen(str, (size_t)prec) : strlen(str);
        if (!(flags & F_MINUS)) pad(s, ' ', width - (int)n);
        s->put(s, str, n);
        if (flags & F_MINUS) pad(s, ' ', width - (int)n);
        break;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'a':
      case 'A': {
        if (size == 5) __format_long_double(s, va_arg(ap, long double), conv, prec, flags, width);
        else __format_double(s, va_arg(ap, double), conv, prec, flags, width);
        break;
      }
      case 'n': {
        int *p = va_arg(ap, int *);
        *p = (int)s->len;
        break;
      }
      case '%':
        s->put(s, "%", 1);
        break;
      default: /* unknown conversion: print it as written */
        s->put(s, "%", 1);
        if (conv) s->put(s, &conv, 1);
        break;
    }
  }
  return (int)s->len;
}
