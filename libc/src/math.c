/* math.h: sqrt/fabs map to SSE2 instructions; the transcendental functions
   reduce their argument and sum a series in long double (x87, 64-bit mantissa),
   then round once to double. The reductions subtract ln2 and pi/2 split in
   parts whose products with the quotient are exact (Cody-Waite), so the long
   double result is within a few of its own ulps and the double result is
   nearly always the correctly rounded one, which is what glibc prints too.
   log10 follows glibc's formula instead (glibc's log10 is not correctly
   rounded): k*log10(2) in two parts plus log(m)/ln(10). The reduction of
   sin/cos/tan arguments is in math-reduce.c. */
#include <math.h>
#include <stdint.h>
#include "math-internal.h"

double sqrt(double x) { return __builtin_sqrt(x); }
double fabs(double x) { return __builtin_fabs(x); }

static uint64_t bits(double x) { uint64_t u; __builtin_memcpy(&u, &x, 8); return u; }
static double from_bits(uint64_t u) { double x; __builtin_memcpy(&x, &u, 8); return x; }

double trunc(double x) {
  if (!(fabs(x) < 4503599627370496.0)) return x; /* >= 2^52, inf or nan: already integral */
  double t = (double)(long long)x;
  return t == 0 ? __builtin_copysign(0.0, x) : t;
}

double floor(double x) {
  double t = trunc(x);
  return t > x ? t - 1 : t;
}

double ceil(double x) {
  double t = trunc(x);
  return t < x ? t + 1 : t;
}

double round(double x) {
  double t = trunc(x);
  if (fabs(x - t) >= 0.5) t += x > 0 ? 1 : -1;
  return t;
}

double fmod(double x, double y) {
  ld a = x, b = y;
  unsigned short status;
  do {
    __asm__("fprem\n\tfnstsw %%ax" : "+t"(a), "=a"(status) : "u"(b));
  } while (status & 0x400); /* C2: reduction incomplete */
  return (double)a;
}

double frexp(double x, int *e) {
  uint64_t u = bits(x);
  int ex = (int)((u >> 52) & 0x7ff);
  if (ex == 0) {
    if (x == 0) { *e = 0; return x; }
    x *= 18014398509481984.0; /* 2^54: normalise a subnormal */
    u = bits(x);
    ex = (int)((u >> 52) & 0x7ff) - 54;
  } else if (ex == 0x7ff) {
    *e = 0;
    return x;
  }
  *e = ex - 1022;
  return from_bits((u & ~(0x7ffull << 52)) | (1022ull << 52));
}

double ldexp(double x, int e) {
  if (e > 2100) e = 2100;
  if (e < -2100) e = -2100;
  while (e > 1023) { x *= 0x1p1023; e -= 1023; }
  while (e < -1022) { x *= 0x1p-1022; e += 1022; }
  return x * from_bits((uint64_t)(e + 1023) << 52);
}

/* x87 helpers, so no long double library calls are needed */
ld __round_l(ld x) {
  __asm__("frndint" : "+t"(x));
  return x;
}

ld __scale_l(ld x, ld k) {
  __asm__("fscale" : "+t"(x) : "u"(k));
  return x;
}

double modf(double x, double *ip) {
  double t = trunc(x);
  *ip = t;
  return x == t ? __builtin_copysign(0.0, x) : x - t;
}

ld __exp_l(ld x) {
  ld k = __round_l(x / LN2);
  ld r = (x - k * LN2_HI) - k * LN2_LO;
  ld term = 1, sum = 1;
  for (int i = 1; i < 24; i++) {
    term *= r / i;
    sum += term;
  }
  return __scale_l(sum, k);
}

double exp(double x) {
  if (x != x) return x;
  if (x > 709.8) return __builtin_inf();
  if (x < -745.2) return 0;
  return (double)__exp_l(x);
}

/* x = m * 2^e with m in [0.5, 1), for a positive finite x (never subnormal in long double) */
static ld frexp_l(ld x, int *e) {
  union { ld v; struct { uint64_t mantissa; uint16_t sign_exponent; } parts; } u = { x };
  *e = (u.parts.sign_exponent & 0x7fff) - 16382;
  u.parts.sign_exponent = (uint16_t)((u.parts.sign_exponent & 0x8000) | 16382);
  return u.v;
}

ld __log_l(ld x) {
  int e;
  ld m = frexp_l(x, &e);
  if (m < 0.70710678118654752440L) { m *= 2; e--; }
  ld s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= s2;
  }
  return e * LN2_HI + (2 * sum + e * LN2_LO);
}

double log(double x) {
  if (x != x || x == __builtin_inf()) return x;
  if (x < 0) return __invalid();
  if (x == 0) return -__builtin_inf();
  return (double)__log_l(x);
}

/* glibc's formula, rounding for rounding: x = m * 2^k with m in [1, 2) (in
   [0.5, 1) when k < 0), log10(x) = k*L2_HI + (k*L2_LO + log(m)/ln(10)) in
   double, log(m) being rounded to double first. */
double log10(double x) {
  if (x != x || x == __builtin_inf()) return x;
  if (x < 0) return __invalid();
  if (x == 0) return -__builtin_inf();
  const double IVLN10 = 4.34294481903251816668e-01, L2_HI = 3.01029995663611771306e-01, L2_LO = 3.69423907715893078616e-13;
  int e;
  double m = frexp(x, &e); /* x = m * 2^e, m in [0.5, 1) */
  int k = e - 1;
  if (k >= 0) m *= 2;
  else k++; /* keep m in [0.5, 1) for negative exponents, as glibc does */
  double y = (double)k;
  double z = y * L2_LO + IVLN10 * log(m);
  return z + y * L2_HI;
}
double log2(double x) { return (double)(__log_l(x) / LN2); }

/* C99's special cases (pow(1, y) = pow(x, 0) = 1, infinities, signed zeros),
   then x^n by squaring for integral |n| <= 1024 (the error grows with n) and
   e^(y ln |x|) otherwise */
double pow(double x, double y) {
  if (y == 0 || x == 1) return 1;
  if (x != x || y != y) return x + y;
  if (__builtin_isinf(y)) {
    double ax = fabs(x);
    if (ax == 1) return 1;
    return (ax > 1) == (y > 0) ? __builtin_inf() : 0;
  }
  int integral = y == trunc(y);
  int odd = integral && fabs(y) < 0x1p53 && ((long long)y & 1);
  if (__builtin_isinf(x) || x == 0) {
    int big = __builtin_isinf(x) ? y > 0 : y < 0; /* the result is infinite, else zero */
    double r = big ? __builtin_inf() : 0;
    return odd && __builtin_signbit(x) ? -r : r;
  }
  if (x < 0 && !integral) return __invalid();
  if (integral && fabs(y) <= 1024) {
    long long n = (long long)y;
    unsigned long long u = n < 0 ? (unsigned long long)-n : (unsigned long long)n;
    ld r = 1, b = x;
    while (u) {
      if (u & 1) r *= b;
      b *= b;
      u >>= 1;
    }
    return (double)(n < 0 ? 1 / r : r);
  }
  ld l = (ld)y * __log_l(fabs(x));
  double r = l > 709.8L ? __builtin_inf() : l < -745.2L ? 0 : (double)__exp_l(l);
  return odd ? -r : r;
}

/* sin and cos of r in [-pi/4, pi/4] */
ld __sin_poly(ld r) {
  ld r2 = r * r, term = r, sum = r;
  for (int i = 3; i < 30; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

ld __cos_poly(ld r) {
  ld r2 = r * r, term = 1, sum = 1;
  for (int i = 2; i < 30; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

double sin(double x) {
  if (x != x || x == 0) return x + x; /* a NaN as it came; the sign of zero kept */
  if (fabs(x) == __builtin_inf()) return __invalid();
  int q;
  ld r = __reduce(x, &q);
  switch (q) {
    case 0: return (double)__sin_poly(r);
    case 1: return (double)__cos_poly(r);
    case 2: return (double)-__sin_poly(r);
    default: return (double)-__cos_poly(r);
  }
}

double cos(double x) {
  if (x != x) return x + x;
  if (fabs(x) == __builtin_inf()) return __invalid();
  int q;
  ld r = __reduce(x, &q);
  switch (q) {
    case 0: return (double)__cos_poly(r);
    case 1: return (double)-__sin_poly(r);
    case 2: return (double)-__cos_poly(r);
    default: return (double)__sin_poly(r);
  }
}

/* gcc -O1 and up merge sin(x) and cos(x) of the same x into one call to this */
void sincos(double x, double *s, double *c) {
  *s = sin(x);
  *c = cos(x);
}

double tan(double x) {
  if (x != x || x == 0) return x + x; /* a NaN as it came; the sign of zero kept */
  if (fabs(x) == __builtin_inf()) return __invalid();
  int q;
  ld r = __reduce(x, &q);
  return (double)(q & 1 ? -__cos_poly(r) / __sin_poly(r) : __sin_poly(r) / __cos_poly(r));
}

ld __atan_l(ld x) {
  if (x == 0) return x;
  int neg = x < 0;
  if (neg) x = -x;
  int inverted = x > 1;
  if (inverted) x = 1 / x;
  /* atan(x) = pi/6 + atan((x*sqrt3 - 1)/(x + sqrt3)) brings x under tan(pi/12) */
  ld base = 0;
  if (x > 0.26794919243112270647L) {
    const ld SQRT3 = 1.73205080756887729353L;
    x = (x * SQRT3 - 1) / (x + SQRT3);
    base = PI / 6;
  }
  ld x2 = x * x, term = x, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= -x2;
  }
  ld r = base + sum;
  if (inverted) r = PI_2 - r;
  return neg ? -r : r;
}

double atan(double x) { return (double)__atan_l(x); }

double atan2(double y, double x) {
  if (x != x || y != y) return x + y;
  if (x == 0 && y == 0) return __builtin_signbit(x) ? __builtin_copysign((double)PI, y) : __builtin_copysign(0.0, y);
  if (x == 0) return y > 0 ? (double)PI_2 : (double)-PI_2;
  ld a = __atan_l((ld)y / (ld)x);
  if (x > 0) return (double)a;
  return (double)(y >= 0 ? a + PI : a - PI);
}
