/* The rest of math.h's double functions, computed in long double (see
   math-internal.h) and rounded once to double. */
#include <math.h>
#include <stdint.h>
#include "math-internal.h"

static ld sqrt_l(ld x) { return __builtin_sqrtl(x); }
static ld fabs_l(ld x) { return x < 0 ? -x : x; }

/* e^x - 1 without the cancellation of exp(x) - 1 near 0 */
static ld expm1_l(ld x) {
  if (fabs_l(x) >= 0.35L) return __exp_l(x) - 1;
  ld term = x, sum = x;
  for (int i = 2; i < 28; i++) {
    term *= x / i;
    sum += term;
  }
  return sum;
}

/* ln(1 + x) for x > -1, accurate near 0: 2 atanh(x / (2 + x)) as a series */
static ld log1p_l(ld x) {
  if (fabs_l(x) >= 0.25L) return __log_l(1 + x);
  ld s = x / (2 + x), s2 = s * s, term = s, sum = 0;
  for (int i = 1; i < 50; i += 2) {
    sum += term / i;
    term *= s2;
  }
  return 2 * sum;
}

double copysign(double x, double y) { return __builtin_copysign(x, y); }
double nan(const char *tag) { (void)tag; return __builtin_nan(""); }
/* a NaN argument yields the other; -0 counts as below +0 */
double fmin(double x, double y) { return x != x ? y : y != y ? x : x < y ? x : y < x ? y : __builtin_signbit(x) ? x : y; }
double fmax(double x, double y) { return x != x ? y : y != y ? x : x > y ? x : y > x ? y : __builtin_signbit(x) ? y : x; }
double fdim(double x, double y) { return x != x || y != y ? x + y : x > y ? x - y : 0; }

double hypot(double x, double y) {
  if (__builtin_isinf(x) || __builtin_isinf(y)) return __builtin_inf();
  if (x != x || y != y) return x + y;
  return (double)sqrt_l((ld)x * x + (ld)y * y);
}

double cbrt(double x) {
  if (x == 0 || x != x || __builtin_isinf(x)) return x;
  ld a = fabs_l(x);
  ld r = __exp_l(__log_l(a) / 3);
  r -= (r * r * r - a) / (3 * r * r); /* one Newton step */
  return (double)(x < 0 ? -r : r);
}

/* out of [-1, 1] glibc answers a positive NaN (not the invalid operation's) */
double asin(double x) {
  if (x != x || x == 0) return x + x;
  if (fabs(x) > 1) return __builtin_nan("");
  if (fabs(x) == 1) return (double)(x > 0 ? PI_2 : -PI_2);
  return (double)__atan_l(x / sqrt_l((1 - (ld)x) * (1 + (ld)x)));
}

double acos(double x) {
  if (x != x) return x + x;
  if (fabs(x) > 1) return __builtin_nan("");
  if (x == -1) return (double)PI;
  return (double)(2 * __atan_l(sqrt_l((1 - (ld)x) / (1 + (ld)x))));
}

double expm1(double x) {
  if (x != x || x == 0) return x;
  if (x > 709.8) return __builtin_inf();
  if (x < -45) return -1;
  return (double)expm1_l(x);
}

double log1p(double x) {
  if (x != x || x == __builtin_inf()) return x;
  if (x == 0) return x;
  if (x < -1) return __invalid();
  if (x == -1) return -__builtin_inf();
  return (double)log1p_l(x);
}

double exp2(double x) {
  if (x != x) return x;
  if (x > 1024) return __builtin_inf();
  if (x < -1080) return 0;
  ld k = __round_l(x);
  return (double)__scale_l(__exp_l(((ld)x - k) * LN2), k);
}

double sinh(double x) {
  if (x != x || __builtin_isinf(x) || fabs(x) < 0x1p-28) return x;
  ld a = fabs_l(x), r;
  if (a > 800) r = __builtin_infl();
  else if (a < 22) {
    ld e = expm1_l(a);
    r = (e + e / (e + 1)) / 2;
  } else {
    r = __exp_l(a) / 2;
  }
  return (double)(x < 0 ? -r : r);
}

double cosh(double x) {
  if (x != x) return x;
  ld a = fabs_l(x);
  if (a > 800) return __builtin_inf();
  ld e = __exp_l(a);
  return (double)((e + 1 / e) / 2);
}

double tanh(double x) {
  if (x != x || fabs(x) < 0x1p-28) return x;
  if (fabs(x) > 23) return x > 0 ? 1 : -1;
  ld e = expm1_l(2 * fabs_l(x));
  ld r = e / (e + 2);
  return (double)(x < 0 ? -r : r);
}

double asinh(double x) {
  if (x != x || __builtin_isinf(x) || fabs(x) < 0x1p-28) return x;
  ld a = fabs_l(x), r;
  if (a > 0x1p28) r = __log_l(a) + LN2;
  else r = log1p_l(a + a * a / (1 + sqrt_l(1 + a * a)));
  return (double)(x < 0 ? -r : r);
}

double acosh(double x) {
  if (x != x || x == __builtin_inf()) return x;
  if (x < 1) return __invalid();
  if (x > 0x1p28) return (double)(__log_l(x) + LN2);
  ld t = (ld)x - 1;
  return (double)log1p_l(t + sqrt_l(t * ((ld)x + 1)));
}

double atanh(double x) {
  if (x != x) return x;
  if (fabs(x) > 1) return __invalid();
  if (fabs(x) == 1) return x * __builtin_inf();
  if (fabs(x) < 0x1p-28) return x;
  ld r = log1p_l(2 * (ld)x / (1 - (ld)x)) / 2;
  return (double)r;
}

/* round to nearest, ties to even (the default rounding mode), keeping the sign of zero */
double rint(double x) {
  if (!(fabs(x) < 0x1p52)) return x;
  volatile double big = 0x1p52;
  double t = fabs(x) + big;
  t -= big;
  return __builtin_copysign(t, x);
}

double nearbyint(double x) { return rint(x); }
long lrint(double x) { return (long)rint(x); }
long long llrint(double x) { return (long long)rint(x); }
long lround(double x) { return (long)round(x); }
long long llround(double x) { return (long long)round(x); }

/* IEEE remainder: x - n*y with n the integer nearest x/y (ties to even); fprem1 is exact */
double remainder(double x, double y) {
  if (x != x || y != y) return x + y;
  if (__builtin_isinf(x) || y == 0) return __invalid();
  if (__builtin_isinf(y)) return x;
  ld a = x, b = y;
  unsigned short status;
  do {
    __asm__("fprem1\n\tfnstsw %%ax" : "+t"(a), "=a"(status) : "u"(b));
  } while (status & 0x400);
  return (double)a;
}

double scalbn(double x, int n) { return ldexp(x, n); }
double scalbln(double x, long n) { return ldexp(x, n > 100000 ? 100000 : n < -100000 ? -100000 : (int)n); }

int ilogb(double x) {
  if (x == 0) return FP_ILOGB0;
  if (x != x) return FP_ILOGBNAN;
  if (__builtin_isinf(x)) return 2147483647;
  int e;
  frexp(x, &e);
  return e - 1;
}

double logb(double x) {
  if (x == 0) return -__builtin_inf();
  if (x != x) return x;
  if (__builtin_isinf(x)) return __builtin_inf();
  return ilogb(x);
}
