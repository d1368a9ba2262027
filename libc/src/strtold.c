/* strtold: the same syntax as strtod (which finds the end), the value in long
   double from the first 38 significant digits as hi * 10^(k+19) + lo * 10^k,
   hi and lo 19 digits each. Inputs of at most 19 digits with |k| <= 27 come
   out correctly rounded (10^k is exact in long double); others within an ulp
   or so (glibc rounds them all correctly). Hex input goes through strtod. */
#include <ctype.h>
#include <stdlib.h>

/* 10^(2^i), each correctly rounded by the compiler */
static const long double TEN_TO_TWO_TO[] = {1e1L, 1e2L, 1e4L, 1e8L, 1e16L, 1e32L, 1e64L, 1e128L, 1e256L, 1e512L, 1e1024L, 1e2048L, 1e4096L};

static long double power_of_ten(int k) {
  long double r = 1.0L;
  unsigned u = (unsigned)(k < 0 ? -k : k);
  for (int i = 0; u && i < 13; i++, u >>= 1) if (u & 1) r *= TEN_TO_TWO_TO[i];
  return k < 0 ? 1 / r : r;
}

/* lead * 10^k with one rounding when 10^|k| is exact */
static long double scaled(unsigned long long lead, int k) {
  if (lead == 0) return 0;
  if (k >= 0) return (long double)lead * power_of_ten(k);
  if (k >= -4000) return (long double)lead / power_of_ten(-k);
  return (long double)lead / power_of_ten(4000) / power_of_ten(-k - 4000);
}

long double strtold(const char *s, char **end) {
  char *stop;
  double d = strtod(s, &stop);
  if (end) *end = stop;
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  if (!isdigit((unsigned char)*p) && *p != '.') return d; /* inf, nan or nothing */
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) return d;
  unsigned long long hi = 0, lo = 0;
  int nd = 0, e10 = 0, point = 0;
  for (; p < stop; p++) {
    if (*p == '.') { point = 1; continue; }
    if (!isdigit((unsigned char)*p)) break;
    if (nd == 0 && *p == '0') { if (point) e10--; continue; }
    if (nd < 38) {
      if (nd < 19) hi = hi * 10 + (unsigned)(*p - '0');
      else lo = lo * 10 + (unsigned)(*p - '0');
      nd++;
      if (point) e10--;
    } else if (!point) {
      e10++;
    }
  }
  if (p < stop && (*p == 'e' || *p == 'E')) {
    long e = strtol(p + 1, NULL, 10);
    e10 += e > 100000 ? 100000 : e < -100000 ? -100000 : (int)e;
  }
  long double v;
  int nlo = nd > 19 ? nd - 19 : 0; /* digits in lo */
  if (hi == 0) v = 0;
  else if (e10 + nd > 4933) v = __builtin_infl();
  else if (e10 + nd < -4951) v = 0;
  else v = scaled(hi, e10 + nlo) + scaled(lo, e10);
  return neg ? -v : v;
}
