/* math.h against glibc. Bit-exact (%a) where glibc's result is the correctly
   rounded one (exp, log, pow, sin, cos... and the new float functions), 13
   digits where glibc is only within an ulp or two (the fdlibm-derived ones),
   and the special values: signed zeros, the sign of an invalid operation's NaN
   ("-nan" on x86), isinf's sign, fpclassify. sin(x) and cos(x) together also
   make gcc call sincos. */
#define _GNU_SOURCE /* sincos, sincosf in glibc's math.h */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static double uniform(double lo, double hi) {
  state ^= state << 13;
  state ^= state >> 7;
  state ^= state << 17;
  return lo + (hi - lo) * (double)(state >> 11) / 9007199254740992.0;
}

#define N 30
#define EXACT1(f, lo, hi) for (int i = 0; i < N; i++) { double x = uniform(lo, hi); printf(#f "(%a) = %a\n", x, f(x)); }
#define EXACT2(f, lo, hi, lo2, hi2) for (int i = 0; i < N; i++) { double x = uniform(lo, hi), y = uniform(lo2, hi2); printf(#f "(%a, %a) = %a\n", x, y, f(x, y)); }
#define NEAR1(f, lo, hi) for (int i = 0; i < N; i++) { double x = uniform(lo, hi); printf(#f "(%a) ~ %.13g\n", x, f(x)); }
#define FLOAT1(f, lo, hi) for (int i = 0; i < N; i++) { float x = (float)uniform(lo, hi); printf(#f "(%a) = %a\n", x, (double)f(x)); }
#define FLOAT2(f, lo, hi, lo2, hi2) for (int i = 0; i < N; i++) { float x = (float)uniform(lo, hi), y = (float)uniform(lo2, hi2); printf(#f "(%a, %a) = %a\n", x, y, (double)f(x, y)); }

int main(void) {
  EXACT1(sin, -20, 20) EXACT1(cos, -20, 20) EXACT1(sin, -1e300, 1e300) EXACT1(cos, -1e12, 1e12)
  EXACT1(exp, -700, 700) EXACT1(exp2, -1000, 1000) EXACT1(log, 1e-300, 1e300) EXACT1(log10, 0, 1e6)
  EXACT1(log2, 0, 1e6) EXACT1(atan, -50, 50) EXACT1(acos, -1, 1) EXACT1(sqrt, 0, 1e6) EXACT1(rint, -1e6, 1e6)
  EXACT1(round, -100, 100) EXACT1(floor, -100, 100) EXACT1(ceil, -100, 100) EXACT1(logb, -1e30, 1e30)
  EXACT2(pow, 0, 100, -20, 20) EXACT2(atan2, -10, 10, -10, 10) EXACT2(fmod, -1e6, 1e6, -100, 100)
  EXACT2(remainder, -1e6, 1e6, -100, 100) EXACT2(fmin, -1, 1, -1, 1) EXACT2(fmax, -1, 1, -1, 1) EXACT2(fdim, -1, 1, -1, 1)
  NEAR1(tan, -20, 20) NEAR1(asin, -1, 1) NEAR1(sinh, -30, 30) NEAR1(cosh, -30, 30) NEAR1(tanh, -5, 5)
  NEAR1(asinh, -100, 100) NEAR1(acosh, 1, 100) NEAR1(atanh, -1, 1) NEAR1(expm1, -3, 3) NEAR1(log1p, -0.9, 10)
  NEAR1(cbrt, -1e6, 1e6)
  FLOAT1(expf, -80, 80) FLOAT1(logf, 0, 1e30) FLOAT1(sqrtf, 0, 1e6) FLOAT1(exp2f, -100, 100) FLOAT1(log2f, 0, 1000)
  FLOAT1(roundf, -100, 100) FLOAT1(floorf, -100, 100) FLOAT2(powf, 0, 10, -10, 10) FLOAT2(hypotf, -100, 100, -100, 100)
  FLOAT2(fmodf, -1000, 1000, -10, 10)

  const double special[] = {0.0, -0.0, 1.0, -1.0, 2.0, 1e-310, -1e308, INFINITY, -INFINITY, NAN};
  for (int i = 0; i < 10; i++) {
    double x = special[i];
    printf("%a: sin %a cos %a tan %a exp %a log %a sqrt %a atan %a asin %a acos %a\n", x, sin(x), cos(x), tan(x), exp(x),
           log(x), sqrt(x), atan(x), asin(x), acos(x));
    printf("  floor %a ceil %a round %a trunc %a rint %a fmod %a pow(x,.5) %a pow(-1,x) %a atan2 %a %a\n", floor(x), ceil(x),
           round(x), trunc(x), rint(x), fmod(x, 0.75), pow(x, 0.5), pow(-1.0, x), atan2(x, 1.0), atan2(1.0, x));
    printf("  isinf %d isnan %d isfinite %d isnormal %d fpclassify %d signbit %d ilogb %d log1p %.13g expm1 %.13g\n", isinf(x),
           isnan(x) != 0, isfinite(x) != 0, isnormal(x) != 0, fpclassify(x), signbit(x) != 0, ilogb(x), log1p(x), expm1(x));
  }
  printf("fmod(1, 0) %a remainder(1, 0) %a pow(1, nan) %a pow(nan, 0) %a log(-1) %a sqrt(-1) %a acosh(0) %a\n", fmod(1, 0),
         remainder(1, 0), pow(1, NAN), pow(NAN, 0), log(-1), sqrt(-1), acosh(0));
  printf("fmin(-0, 0) %a fmax(-0, 0) %a fmin(nan, 1) %a copysign(3, -0) %a nan(\"\") %a\n", fmin(-0.0, 0.0), fmax(-0.0, 0.0),
         fmin(NAN, 1), copysign(3, -0.0), nan(""));
  printf("lround(2.5) %ld lround(-2.5) %ld lrint(2.5) %ld llrint(3.5) %lld rint(-0.4) %a nearbyint(0.5) %a\n", lround(2.5),
         lround(-2.5), lrint(2.5), llrint(3.5), rint(-0.4), nearbyint(0.5));
  float s, c, whole;
  int e;
  sincosf(0.5f, &s, &c);
  printf("sincosf %a %a", (double)s, (double)c);
  printf(" modff %a", (double)modff(2.75f, &whole));
  printf(" %a frexpf %a", (double)whole, (double)frexpf(48.0f, &e));
  printf(" %d ldexpf %a\n", e, (double)ldexpf(1.5f, 10));
  double sd, cd;
  sincos(1e22, &sd, &cd);
  printf("sincos(1e22) %a %a pow(-8, 1/3.) %a pow(-2, 1e300) %a pow(-0., -3) %a pow(-inf, 3) %a pow(-inf, -2) %a pow(0.5, -inf) %a\n",
         sd, cd, pow(-8, 1 / 3.), pow(-2, 1e300), pow(-0.0, -3), pow(-INFINITY, 3), pow(-INFINITY, -2), pow(0.5, -INFINITY));
  return 0;
}
