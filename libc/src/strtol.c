#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>

/* Parses the magnitude; sets *neg and *end; *overflow when it exceeds `limit`. */
static unsigned long long parse(const char *s, char **end, int base, int *neg, unsigned long long limit, int *overflow) {
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  *neg = 0;
  *overflow = 0;
  if (*p == '+' || *p == '-') *neg = *p++ == '-';
  if ((base == 0 || base == 16) && p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && isxdigit((unsigned char)p[2])) {
    p += 2;
    base = 16;
  } else if (base == 0) {
    base = p[0] == '0' ? 8 : 10;
  }
  unsigned long long v = 0;
  const char *digits = p;
  for (;; p++) {
    int d;
    if (isdigit((unsigned char)*p)) d = *p - '0';
    else if (isalpha((unsigned char)*p)) d = tolower((unsigned char)*p) - 'a' + 10;
    else break;
    if (d >= base) break;
    if (v > (limit - (unsigned)d) / (unsigned)base) *overflow = 1;
    else v = v * (unsigned)base + (unsigned)d;
  }
  if (end) *end = (char *)(p == digits ? s : p);
  return v;
}

long long strtoll(const char *s, char **end, int base) {
  int neg, of;
  unsigned long long v = parse(s, end, base, &neg, (unsigned long long)LLONG_MAX + 1, &of);
  if (of || (!neg && v > (unsigned long long)LLONG_MAX)) { errno = ERANGE; return neg ? LLONG_MIN : LLONG_MAX; }
  return neg ? (long long)(0 - v) : (long long)v;
}

unsigned long long strtoull(const char *s, char **end, int base) {
  int neg, of;
  unsigned long long v = parse(s, end, base, &neg, ULLONG_MAX, &of);
  if (of) { errno = ERANGE; return ULLONG_MAX; }
  return neg ? 0 - v : v;
}

long strtol(const char *s, char **end, int base) {
  int neg, of;
  unsigned long long v = parse(s, end, base, &neg, (unsigned long long)LONG_MAX + 1, &of);
  if (of || (!neg && v > (unsigned long long)LONG_MAX)) { errno = ERANGE; return neg ? LONG_MIN : LONG_MAX; }
  return neg ? (long)(0 - v) : (long)v;
}

unsigned long strtoul(const char *s, char **end, int base) {
  int neg, of;
  unsigned long long v = parse(s, end, base, &neg, ULONG_MAX, &of);
  if (of) { errno = ERANGE; return ULONG_MAX; }
  return neg ? (unsigned long)(0 - v) : (unsigned long)v;
}

int atoi(const char *s) { return (int)strtol(s, NULL, 10); }
long atol(const char *s) { return strtol(s, NULL, 10); }
long long atoll(const char *s) { return strtoll(s, NULL, 10); }
