/* Long double helpers shared by the math files (x87, 64-bit mantissa). */
#ifndef MATH_INTERNAL_H
#define MATH_INTERNAL_H
typedef long double ld;

#define LN2 0.693147180559945309417232121458176568L
#define LN2_HI 0x162e42fefa39efp-53L /* 53 bits: k * LN2_HI is exact for |k| < 2^11 */
#define LN2_LO 0xd5e4f1d9cc01f97bp-119L
/* pi/2 in three parts; the first two have 32 bits, so k times them is exact for |k| < 2^31 */
#define PI_2_A 0xc90fdaa2p-31L
#define PI_2_B 0x85a308d3p-65L
#define PI_2_C 0x98cc51701b839a25p-132L
#define PI 3.14159265358979323846264338327950288L
#define PI_2 1.57079632679489661923132169163975144L
#define LN10 2.30258509299404568401799145468436421L

ld __round_l(ld x);          /* to the nearest integer, ties to even */
ld __scale_l(ld x, ld k);    /* x * 2^k, k integral */
ld __exp_l(ld x);            /* e^x, |x| < 2^11 * ln 2 */
ld __log_l(ld x);            /* ln x, x positive and finite */
ld __atan_l(ld x);
ld __sin_poly(ld r);         /* sin r, |r| <= pi/4 */
ld __cos_poly(ld r);         /* cos r, |r| <= pi/4 */
ld __reduce(double x, int *q); /* x = q * pi/2 + r: r, and q mod 4 */

/* The NaN an invalid operation gives on x86 (sign bit set: glibc prints "-nan") */
static inline double __invalid(void) {
  volatile double zero = 0;
  return zero / zero;
}
#endif
