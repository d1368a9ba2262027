/* strtod, correctly rounded: a long double first guess, then exact bignum
   comparisons against the halfway points between neighbouring doubles move it
   to the nearest double (ties to even). Decimal input keeps 40 significant
   digits exactly; any further nonzero digit only breaks exact ties. Hex input
   ("0x1.8p3") keeps 16 digits and rounds with the rest as a sticky bit. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define KEEP_DIGITS 40
#define LIMB 1000000000u
#define MAX_LIMBS 200

struct big {
  uint32_t limb[MAX_LIMBS]; /* base 1e9, least significant first */
  int n;
};

static void big_small(struct big *b, uint64_t v) {
  b->n = 0;
  while (v) { b->limb[b->n++] = (uint32_t)(v % LIMB); v /= LIMB; }
}

static void big_mul(struct big *b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->limb[i] * m + carry;
    b->limb[i] = (uint32_t)(t % LIMB);
    carry = t / LIMB;
  }
  while (carry && b->n < MAX_LIMBS) { b->limb[b->n++] = (uint32_t)(carry % LIMB); carry /= LIMB; }
}

static void big_add(struct big *b, uint32_t v) {
  for (int i = 0; v; i++) {
    if (i == b->n) b->limb[b->n++] = 0;
    uint64_t t = (uint64_t)b->limb[i] + v;
    b->limb[i] = (uint32_t)(t % LIMB);
    v = (uint32_t)(t / LIMB);
  }
}

static void big_pow(struct big *b, uint32_t base, int k) {
  uint32_t chunk = 1;
  int per = 0;
  while ((uint64_t)chunk * base < 2000000000u) { chunk *= base; per++; } /* largest power below 2^31 */
  for (; k >= per; k -= per) big_mul(b, chunk);
  while (k-- > 0) big_mul(b, base);
}

static int big_cmp(const struct big *a, const struct big *b) {
  if (a->n != b->n) return a->n < b->n ? -1 : 1;
  for (int i = a->n - 1; i >= 0; i--) if (a->limb[i] != b->limb[i]) return a->limb[i] < b->limb[i] ? -1 : 1;
  return 0;
}

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

/* x = mant * 2^e2 for a non-negative finite double given by its bits */
static void decompose(uint64_t bits, uint64_t *mant, int *e2) {
  int exp = (int)(bits >> 52);
  *mant = bits & ((1ull << 52) - 1);
  if (exp == 0) exp = 1;
  else *mant |= 1ull << 52;
  *e2 = exp - 1075;
}

/* Sign of (digits * 10^e10) - (2*mant + 1) * 2^(e2 - 1): the value against the halfway point above x. */
static int cmp_halfway(const char *digits, int nd, int e10, uint64_t mant, int e2) {
  static struct big lhs, rhs; /* one thread: static keeps the stack small */
  lhs.n = 0;
  for (int i = 0; i < nd; i++) {
    big_mul(&lhs, 10);
    big_add(&lhs, (uint32_t)(digits[i] - '0'));
  }
  big_small(&rhs, 2 * mant + 1);
  int p2 = e10 - (e2 - 1);
  if (e10 >= 0) big_pow(&lhs, 5, e10);
  else big_pow(&rhs, 5, -e10);
  if (p2 >= 0) big_pow(&lhs, 2, p2);
  else big_pow(&rhs, 2, -p2);
  return big_cmp(&lhs, &rhs);
}

static int match(const char *p, const char *word) {
  int i = 0;
  for (; word[i]; i++) if (tolower((unsigned char)p[i]) != word[i]) return 0;
  return i;
}

/* The signed exponent after the 'e' or 'p' at *p (capped: the value saturates long before), with
   *p moved past it; 0 with *p left alone when no digit follows (the letter is not part of the number). */
static int exponent_after(const char **p) {
  const char *q = *p + 1;
  int neg = 0, e = 0;
  if (*q == '+' || *q == '-') neg = *q++ == '-';
  if (!isdigit((unsigned char)*q)) return 0;
  for (; isdigit((unsigned char)*q); q++) if (e < 100000) e = e * 10 + (*q - '0');
  *p = q;
  return neg ? -e : e;
}

static int hex_value(int c) { return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10; }

/* The digits after "0x" of a hex float ("1.8p3"), rounded to nearest even */
static double hex_double(const char *p, char **end) {
  uint64_t mant = 0;
  int exp = 0, point = 0, sticky = 0, nd = 0;
  for (;; p++) {
    if (*p == '.' && !point) { point = 1; continue; }
    if (!isxdigit((unsigned char)*p)) break;
    int v = hex_value((unsigned char)*p);
    if (nd == 0 && v == 0) { if (point) exp -= 4; continue; }
    if (nd < 16) { mant = mant << 4 | (uint64_t)v; nd++; if (point) exp -= 4; }
    else { sticky |= v != 0; if (!point) exp += 4; }
  }
  if (*p == 'p' || *p == 'P') exp += exponent_after(&p);
  if (end) *end = (char *)p;
  if (mant == 0) return 0;
  int shift = __builtin_clzll(mant);
  mant <<= shift;
  exp -= shift; /* value = mant * 2^exp, mant's top bit set */
  int top = exp + 63; /* the leading bit's weight */
  if (top > 1023) { errno = ERANGE; return __builtin_inf(); }
  int keep = top >= -1022 ? 53 : 53 - (-1022 - top); /* subnormals keep fewer bits */
  if (keep < 0) { errno = ERANGE; return 0; }
  int drop = 64 - keep;
  uint64_t kept = drop == 64 ? 0 : mant >> drop;
  uint64_t rest = drop == 64 ? mant : mant << keep; /* the dropped bits, left-aligned */
  if (rest > 0x8000000000000000ull || (rest == 0x8000000000000000ull && (sticky || (kept & 1)))) kept++;
  double v = ldexp((double)kept, exp + drop);
  if (v == __builtin_inf() || v == 0) errno = ERANGE;
  return v;
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
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && (isxdigit((unsigned char)p[2]) || (p[2] == '.' && isxdigit((unsigned char)p[3])))) {
    double v = hex_double(p + 2, end);
    return neg ? -v : v;
  }
  char digits[KEEP_DIGITS];
  int nd = 0, e10 = 0, seen = 0, sticky = 0, point = 0;
  for (;; p++) {
    if (*p == '.' && !point) { point = 1; continue; }
    if (!isdigit((unsigned char)*p)) break;
    seen = 1;
    if (nd == 0 && *p == '0') { if (point) e10--; continue; } /* leading zeros */
    if (nd < KEEP_DIGITS) { digits[nd++] = *p; if (point) e10--; }
    else { if (*p != '0') sticky = 1; if (!point) e10++; }
  }
  if (!seen) {
    if (end) *end = (char *)s;
    return 0;
  }
  if (*p == 'e' || *p == 'E') e10 += exponent_after(&p);
  if (end) *end = (char *)p;
  while (nd > 0 && digits[nd - 1] == '0') { nd--; e10++; }
  double v;
  if (nd == 0) v = 0;
  else if (nd + e10 > 310) { v = __builtin_inf(); errno = ERANGE; }
  else if (nd + e10 < -324) { v = 0; errno = ERANGE; }
  else {
    unsigned long long lead = 0;
    int k = nd < 19 ? nd : 19;
    for (int i = 0; i < k; i++) lead = lead * 10 + (unsigned)(digits[i] - '0');
    long double guess = (long double)lead * pow10l_(e10 + nd - k);
    v = (double)guess;
    uint64_t bits;
    memcpy(&bits, &v, 8);
    for (int step = 0; step < 64; step++) {
      uint64_t mant;
      int e2;
      decompose(bits, &mant, &e2);
      if (bits >= 0x7ff0000000000000ull) break; /* overflowed to infinity */
      int up = cmp_halfway(digits, nd, e10, mant, e2);
      if (up > 0 || (up == 0 && (sticky || (mant & 1)))) { bits++; continue; }
      if (bits == 0) break;
      decompose(bits - 1, &mant, &e2);
      int down = cmp_halfway(digits, nd, e10, mant, e2);
      if (down < 0 || (down == 0 && !sticky && (mant & 1) == 0)) { bits--; continue; }
      break;
    }
    memcpy(&v, &bits, 8);
    if (v == __builtin_inf() || v == 0) errno = ERANGE;
  }
  return neg ? -v : v;
}

float strtof(const char *s, char **end) { return (float)strtod(s, end); }
double atof(const char *s) { return strtod(s, NULL); }
