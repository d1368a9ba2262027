/* math.h's long double functions. Exact ones on the x87 (sqrtl, fabsl, fmodl,
   the roundings); the transcendental ones from the long double series of
   math.c, within a few long double ulps (glibc is within one or two). */
#include <math.h>
#include <stdint.h>
#include "math-internal.h"

long double sqrtl(long double x) { return __builtin_sqrtl(x); }
long double fabsl(long double x) { return x < 0 ? -x : x == 0 ? 0.0L * x * x : x; }

long double fmodl(long double x, long double y) {
  unsigned short status;
  do {
    __asm__("fprem\n\tfnstsw %%ax" : "+t"(x), "=a"(status) : "u"(y));
  } while (status & 0x400);
  return x;
}

/* 2^63 and beyond, infinities and NaNs are already integral */
static int integral(long double x) { return !(x < 0x1p63L && x > -0x1p63L); }

long double truncl(long double x) {
  if (integral(x)) return x;
  long double t = (long double)(long long)x;
  return t == 0 ? __builtin_copysignl(0.0L, x) : t;
}

long double floorl(long double x) {
  long double t = truncl(x);
  return t > x ? t - 1 : t;
}

long double ceill(long double x) {
  long double t = truncl(x);
  return t < x ? t + 1 : t;
}

long double roundl(long double x) {
  long double t = truncl(x);
  long double d = x - t;
  if (d >= 0.5L) t += 1;
  else if (d <= -0.5L) t -= 1;
  return t;
}

long double rintl(long double x) { return integral(x) ? x : __round_l(x); }

long double expl(long double x) {
  if (x != x) return x;
  if (x > 11357) return __builtin_infl();
  if (x < -11400) return 0;
  return __exp_l(x);
}

long double logl(long double x) {
  if (x != x || x == __builtin_infl()) return x;
  if (x < 0) return __invalid();
  if (x == 0) return -__builtin_infl();
  return __log_l(x);
}

long double log10l(long double x) { return logl(x) / LN10; }
long double log2l(long double x) { return logl(x) / LN2; }

long double powl(long double x, long double y) {
  if (y == 0 || x == 1) return 1;
  if (x != x || y != y) return x + y;
  if (y == truncl(y) && fabsl(y) <= 1024) {
    long long n = (long long)y;
    unsigned long long u = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
    long double r = 1, b = x;
    for (; u; u >>= 1, b *= b) if (u & 1) r *= b;
    return n < 0 ? 1 / r : r;
  }
  if (x < 0) return __invalid();
  if (x == 0) return y > 0 ? 0 : __builtin_infl();
  return expl(y * __log_l(x));
}

static ld reduce_l(ld x, int *q) {
  if (fabsl(x) >= 0x1p31L) return __reduce((double)x, q); /* beyond: double's accuracy */
  ld k = __round_l(x / PI_2);
  *q = (int)((long long)k & 3);
  return ((x - k * PI_2_A) - k * PI_2_B) - k * PI_2_C;
}

long double sinl(long double x) {
  if (x != x || x == 0) return x + x;
  if (x == __builtin_infl() || x == -__builtin_infl()) return __invalid();
  int q;
  ld r = reduce_l(x, &q);
  ld v = q & 1 ? __cos_poly(r) : __sin_poly(r);
  return q & 2 ? -v : v;
}

long double cosl(long double x) {
  if (x != x) return x + x;
  if (x == __builtin_infl() || x == -__builtin_infl()) return __invalid();
  int q;
  ld r = reduce_l(x, &q);
  ld v = q & 1 ? __sin_poly(r) : __cos_poly(r);
  return (q + 1) & 2 ? -v : v;
}

long double tanl(long double x) {
  if (x != x || x == 0) return x + x;
  if (x == __builtin_infl() || x == -__builtin_infl()) return __invalid();
  int q;
  ld r = reduce_l(x, &q);
  return q & 1 ? -__cos_poly(r) / __sin_poly(r) : __sin_poly(r) / __cos_poly(r);
}

long double atanl(long double x) { return x != x ? x : __atan_l(x); }

long double atan2l(long double y, long double x) {
  if (x != x || y != y) return x + y;
  if (x == 0 && y == 0) return __builtin_signbit(x) ? __builtin_copysignl(PI, y) : __builtin_copysignl(0.0L, y);
  if (x == 0) return y > 0 ? PI_2 : -PI_2;
  ld a = __atan_l(y / x);
  if (x > 0) return a;
  return y >= 0 ? a + PI : a - PI;
}

/* gcc -O1 and up merge sinl(x) and cosl(x) of the same x into one call to this */
void sincosl(long double x, long double *s, long double *c) {
  *s = sinl(x);
  *c = cosl(x);
}
