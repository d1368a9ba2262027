/* math.h: sqrt/fabs map to SSE2 instructions; the transcendental functions
   reduce their argument and sum a series in long double (x87, 64-bit mantissa),
   which leaves results within an ulp or so of the true value in double. */
#include <math.h>
#include <stdint.h>

typedef long double ld;

static const ld LN2 = 0.693147180559945309417232121458176568L;
static const ld PI = 3.14159265358979323846264338327950288L;
static const ld PI_2 = 1.57079632679489661923132169163975144L;

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
static ld round_l(ld x) {
  __asm__("frndint" : "+t"(x));
  return x;
}

static ld scale_l(ld x, ld k) {
  __asm__("fscale" : "+t"(x) : "u"(k));
  return x;
}

double modf(double x, double *ip) {
  double t = trunc(x);
  *ip = t;
  return x == t ? __builtin_copysign(0.0, x) : x - t;
}

static ld exp_l(ld x) {
  ld k = round_l(x / LN2);
  ld r = x - k * LN2;
  ld term = 1, sum = 1;
  for (int i = 1; i < 24; i++) {
    term *= r / i;
    sum += term;
  }
  return scale_l(sum, k);
}

double exp(double x) {
  if (x != x) return x;
  if (x > 709.8) return __builtin_inf();
  if (x < -745.2) return 0;
  return (double)exp_l(x);
}

static ld log_l(double x) {
  int e;
  ld m = frexp(x, &e); /* x = m * 2^e, m in [0.5, 1) */
  if (m < 0.70710678118654752440L) { m *= 2; e--; }
  ld s = (m - 1) / (m + 1), s2 = s * s, term = s, sum = 0;
  for (int i = 1; i < 60; i += 2) {
    sum += term / i;
    term *= s2;
  }
  return 2 * sum + e * LN2;
}

double log(double x) {
  if (x != x || x == __builtin_inf()) return x;
  if (x < 0) return __builtin_nan("");
  if (x == 0) return -__builtin_inf();
  return (double)log_l(x);
}

double log10(double x) { return (double)(log_l(x) / 2.30258509299404568401799145468436421L); }
double log2(double x) { return (double)(log_l(x) / LN2); }

double pow(double x, double y) {
  if (y == 0) return 1;
  if (x != x || y != y) return __builtin_nan("");
  if (y == (double)(long long)y && fabs(y) < 1e18) {
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
  if (x < 0) return __builtin_nan("");
  if (x == 0) return y > 0 ? 0 : __builtin_inf();
  ld l = (ld)y * log_l(x);
  if (l > 709.8L) return __builtin_inf();
  if (l < -745.2L) return 0;
  return (double)exp_l(l);
}

/* sin and cos of r in [-pi/4, pi/4] */
static ld sin_poly(ld r) {
  ld r2 = r * r, term = r, sum = r;
  for (int i = 3; i < 30; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

static ld cos_poly(ld r) {
  ld r2 = r * r, term = 1, sum = 1;
  for (int i = 2; i < 30; i += 2) {
    term *= -r2 / ((i - 1) * i);
    sum += term;
  }
  return sum;
}

/* x = q*(pi/2) + r; returns r and the quadrant q mod 4 */
static ld reduce(double x, int *q) {
  ld k = round_l((ld)x / PI_2);
  *q = (int)((long long)k & 3);
  return (ld)x - k * PI_2;
}

double sin(double x) {
  if (x != x || fabs(x) == __builtin_inf()) return __builtin_nan("");
  int q;
  ld r = reduce(x, &q);
  switch (q) {
    case 0: return (double)sin_poly(r);
    case 1: return (double)cos_poly(r);
    case 2: return (double)-sin_poly(r);
    default: return (double)-cos_poly(r);
  }
}

double cos(double x) {
  if (x != x || fabs(x) == __builtin_inf()) return __builtin_nan("");
  int q;
  ld r = reduce(x, &q);
  switch (q) {
    case 0: return (double)cos_poly(r);
    case 1: return (double)-sin_poly(r);
    case 2: return (double)-cos_poly(r);
    default: return (double)sin_poly(r);
  }
}

double tan(double x) { return sin(x) / cos(x); }

static ld atan_l(ld x) {
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

double atan(double x) { return (double)atan_l(x); }

double atan2(double y, double x) {
  if (x != x || y != y) return __builtin_nan("");
  if (x == 0 && y == 0) return __builtin_signbit(x) ? __builtin_copysign((double)PI, y) : __builtin_copysign(0.0, y);
  if (x == 0) return y > 0 ? (double)PI_2 : (double)-PI_2;
  ld a = atan_l((ld)y / (ld)x);
  if (x > 0) return (double)a;
  return (double)(y >= 0 ? a + PI : a - PI);
}
