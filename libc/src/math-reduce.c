/* Argument reduction for sin, cos and tan: x = q*(pi/2) + r, |r| about pi/4 at
   most. Below 2^31 pi/2 is subtracted in three parts (the first two products
   are exact); above, x*(2/pi) mod 4 is computed exactly enough from the bits of
   2/pi that matter for x's exponent (Payne-Hanek), a 192-bit window of them. */
#include <stdint.h>
#include "math-internal.h"

/* 2/pi in binary, 32 bits a word, most significant first (1216 bits) */
static const uint32_t TWO_OVER_PI[38] = {
  0xa2f9836e, 0x4e441529, 0xfc2757d1, 0xf534ddc0, 0xdb629599, 0x3c439041,
  0xfe5163ab, 0xdebbc561, 0xb7246e3a, 0x424dd2e0, 0x06492eea, 0x09d1921c,
  0xfe1deb1c, 0xb129a73e, 0xe88235f5, 0x2ebb4484, 0xe99c7026, 0xb45f7e41,
  0x3991d639, 0x835339f4, 0x9c845f8b, 0xbdf9283b, 0x1ff897ff, 0xde05980f,
  0xef2f118b, 0x5a0a6d1f, 0x6d367ecf, 0x27cb09b7, 0x4f463f66, 0x9e5fea2d,
  0x7527bac7, 0xebe5f17b, 0x3d0739f7, 0x8a5292ea, 0x6bfb5fb1, 0x1f8d5d08,
  0x56033046, 0xfc7b6bab,
};

/* 64 bits of the little-endian limbs p starting at bit pos */
static uint64_t bits_at(const uint32_t *p, int pos) {
  int li = pos >> 5, sh = pos & 31;
  uint64_t lo = p[li] | (uint64_t)p[li + 1] << 32;
  return sh == 0 ? lo : (lo >> sh) | ((uint64_t)p[li + 2] << (64 - sh));
}

/* ax >= 2^31, finite. ax = m * 2^e; bit i of 2/pi (weight 2^-i) contributes
   m * 2^(e-i), a multiple of 4 once e - i >= 2, so bits from e-1 on matter;
   192 of them leave the fraction exact to far more than 128 bits. */
static ld reduce_large(double ax, int *q) {
  uint64_t u;
  __builtin_memcpy(&u, &ax, 8);
  int e = (int)(u >> 52) - 1075;
  uint64_t m = (u & ((1ull << 52) - 1)) | (1ull << 52);
  int first = e - 1 > 1 ? e - 1 : 1; /* 1-based index of the window's first bit */
  int point = first + 191 - e;        /* the binary point's position in m * window */
  int at = first - 1, word = at >> 5, shift = at & 31;
  uint32_t w[6]; /* the window, least significant limb first */
  for (int k = 0; k < 6; k++) {
    uint32_t hi = TWO_OVER_PI[word + k], lo = TWO_OVER_PI[word + k + 1];
    w[5 - k] = shift == 0 ? hi : (hi << shift) | (lo >> (32 - shift));
  }
  uint32_t p[9] = {0};
  const uint32_t mw[2] = {(uint32_t)m, (uint32_t)(m >> 32)};
  for (int a = 0; a < 2; a++) {
    uint64_t carry = 0;
    for (int k = 0; k < 6; k++) {
      uint64_t t = (uint64_t)w[k] * mw[a] + p[k + a] + carry;
      p[k + a] = (uint32_t)t;
      carry = t >> 32;
    }
    p[6 + a] += (uint32_t)carry;
  }
  int quadrant = (int)(bits_at(p, point) & 3);
  uint64_t hi = bits_at(p, point - 64), lo = bits_at(p, point - 128);
  int negative = (int)(hi >> 63); /* fraction >= 1/2: r = (fraction - 1) * pi/2 */
  if (negative) {
    quadrant = (quadrant + 1) & 3;
    lo = ~lo + 1;
    hi = ~hi + (lo == 0);
  }
  ld f = (ld)hi * 0x1p-64L + (ld)lo * 0x1p-128L;
  *q = quadrant;
  return (negative ? -f : f) * PI_2;
}

ld __reduce(double x, int *q) {
  double ax = x < 0 ? -x : x;
  if (ax < 0x1p31) {
    ld k = __round_l((ld)x / PI_2);
    *q = (int)((long long)k & 3);
    return (((ld)x - k * PI_2_A) - k * PI_2_B) - k * PI_2_C;
  }
  ld r = reduce_large(ax, q);
  if (x < 0) {
    r = -r;
    *q = (4 - *q) & 3;
  }
  return r;
}
