/* strtod: decimal (and inf/nan) to double. Up to 19 significant digits are
   kept exactly; exact cases (digits < 2^53, |exponent| <= 22) round correctly,
   the rest go through long double and round within an ulp. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>

static long double pow10l_(int k) {
  long double r = 1.0L, b = 10.0L;
  unsigned u = k < 0 ? (unsigned)-k : (unsigned)k;
  while (u) {
    if (u & 1) r *= b;
    b *= b;
    u >>= 1;
  }
  return k < 0 ? 1.0L / r : r;
}

static int match(const char *p, const char *word) {
  int i = 0;
  for (; word[i]; i++) if (tolower((unsigned char)p[i]) != word[i]) return 0;
  return i;
}

double strtod(const char *s, char **end) {
  const char *p = s;
  while (isspace((unsigned char)*p)) p++;
  int neg = 0;
  if (*p == '+' || *p == '-') neg = *p++ == '-';
  int n;
  if ((n = match(p, "infinity")) || (n = match(p, "inf"))) {
    if (end) *end = (char *)(p + n);
    return neg ? -__builtin_inf() : __builtin_inf();
  }
  if ((n = match(p, "nan"))) {
    if (end) *end = (char *)(p + n);
    return __builtin_nan("");
  }
  unsigned long long mant = 0;
  int digits = 0, exp10 = 0, seen = 0;
  for (; isdigit((unsigned char)*p); p++, seen = 1) {
    if (digits < 19) { mant = mant * 10 + (unsigned)(*p - '0'); if (mant) digits++; }
    else exp10++;
  }
  if (*p == '.') {
    p++;
    for (; isdigit((unsigned char)*p); p++, seen = 1) {
      if (digits < 19) { mant = mant * 10 + (unsigned)(*p - '0'); if (mant) digits++; exp10--; }
    }
  }
  if (!seen) {
    if (end) *end = (char *)s;
    return 0;
  }
  if (*p == 'e' || *p == 'E') {
    const char *q = p + 1;
    int eneg = 0, e = 0;
    if (*q == '+' || *q == '-') eneg = *q++ == '-';
    if (isdigit((unsigned char)*q)) {
      for (; isdigit((unsigned char)*q); q++) if (e < 100000) e = e * 10 + (*q - '0');
      exp10 += eneg ? -e : e;
      p = q;
    }
  }
  if (end) *end = (char *)p;
  double v;
  if (mant == 0) v = 0;
  else if (mant < (1ull << 53) && exp10 >= -22 && exp10 <= 22) {
    static const double exact[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                                    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22 };
    v = exp10 < 0 ? (double)mant / exact[-exp10] : (double)mant * exact[exp10];
  } else if (exp10 + digits > 310) {
    v = __builtin_inf();
    errno = ERANGE;
  } else if (exp10 + digits < -330) {
    v = 0;
    errno = ERANGE;
  } else {
    long double m = (long double)mant;
    /* split huge negative powers so the long double scale does not underflow */
    if (exp10 < -4000) m *= pow10l_(-4000), exp10 += 4000;
    v = (double)(m * pow10l_(exp10));
  }
  return neg ? -v : v;
}

float strtof(const char *s, char **end) { return (float)strtod(s, end); }
double atof(const char *s) { return strtod(s, NULL); }
