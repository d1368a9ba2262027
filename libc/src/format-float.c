/* %e %f %g for printf, digit-exact like glibc: the exact decimal expansion of
   the double or x87 long double is computed with a bignum (mantissa * 5^k or
   * 2^k), then rounded at the requested digit, ties to even. %a prints the
   bits in hex as glibc does: a double's leading digit is its implicit bit (1,
   or 0 for subnormals at p-1022), a long double's the top four bits of its
   64-bit mantissa ("0x8p-3" for 1.0L). */
#include <stdint.h>
#include <string.h>
#include "format.h"

#define LIMB 1000000000u
#define MAX_LIMBS 1300 /* 2^-16445 (long double) has 11 450 significant digits; 2^-1074 767 */
#define MAX_DIGITS (MAX_LIMBS * 9)

struct big {
  uint32_t limb[MAX_LIMBS]; /* base 1e9, least significant first */
  int n;
};

static void big_mul(struct big *b, uint32_t m) {
  uint64_t carry = 0;
  for (int i = 0; i < b->n; i++) {
    uint64_t t = (uint64_t)b->limb[i] * m + carry;
    b->limb[i] = (uint32_t)(t % LIMB);
    carry = t / LIMB;
  }
  while (carry) {
    b->limb[b->n++] = (uint32_t)(carry % LIMB);
    carry /= LIMB;
  }
}

/* A finite value as mant * 2^exp (mant = 0 for zero), or an infinity or NaN;
   frac_bits is the mantissa's width below its leading hex digit (%a). */
struct number {
  uint64_t mant;
  int exp;
  int neg;
  int special; /* 0 finite, 1 infinity, 2 NaN */
  int frac_bits; /* 52 for double, 60 for long double */
};

/* The exact decimal digits of mant * 2^exp > 0: 0.D * 10^point, no leading zeros, trailing zeros trimmed. */
static int exact_digits(uint64_t mant, int exp, char *out, int *point) {
  static struct big b; /* one thread; 5 KB off the stack */
  b.n = 0;
  while (mant) {
    b.limb[b.n++] = (uint32_t)(mant % LIMB);
    mant /= LIMB;
  }
  int pow10 = 0;
  if (exp > 0) {
    for (; exp >= 29; exp -= 29) big_mul(&b, 1u << 29);
    if (exp) big_mul(&b, 1u << exp);
  } else if (exp < 0) {
    /* mant / 2^k = mant * 5^k / 10^k */
    int k = -exp;
    pow10 = -k;
    for (; k >= 13; k -= 13) big_mul(&b, 1220703125u); /* 5^13 */
    uint32_t m = 1;
    while (k--) m *= 5;
    big_mul(&b, m);
  }
  int n = 0;
  char tmp[9];
  for (int i = b.n - 1; i >= 0; i--) {
    uint32_t x = b.limb[i];
    for (int j = 8; j >= 0; j--) { tmp[j] = (char)('0' + x % 10); x /= 10; }
    int j = 0;
    if (n == 0) while (j < 8 && tmp[j] == '0') j++;
    for (; j < 9; j++) out[n++] = tmp[j];
  }
  *point = n + pow10;
  while (n > 1 && out[n - 1] == '0') n--;
  return n;
}

/* Rounds digits d[0..n) to `keep` digits, ties to even; returns the new count
   (a carry out of the first digit turns them into "1" and bumps *point). */
static int round_to(char *d, int n, int keep, int *point) {
  if (keep >= n) return n;
  if (keep < 0) {
    d[0] = '0';
    return 1;
  }
  int up;
  char next = d[keep];
  if (next > '5') up = 1;
  else if (next < '5') up = 0;
  else {
    up = 0;
    for (int i = keep + 1; i < n; i++) if (d[i] != '0') { up = 1; break; }
    if (!up) up = keep > 0 ? (d[keep - 1] - '0') & 1 : 0; /* exact tie: to even */
  }
  if (!up) {
    if (keep == 0) { d[0] = '0'; return 1; }
    return keep;
  }
  int i = keep - 1;
  while (i >= 0 && d[i] == '9') i--;
  if (i < 0) { /* 999.. -> 1000.. */
    d[0] = '1';
    (*point)++;
    return 1;
  }
  d[i]++;
  return i + 1;
}

static char digit_at(const char *d, int n, int i) { return i >= 0 && i < n ? d[i] : '0'; }

/* Fixed notation with `prec` decimals. */
static int fixed(const char *src, int n, int point, int prec, char *out) {
  static char d[MAX_DIGITS + 1];
  memcpy(d, src, (size_t)n);
  n = round_to(d, n, point + prec, &point);
  if (n == 1 && d[0] == '0') point = 1; /* rounded away to zero */
  int len = 0;
  if (point <= 0) out[len++] = '0';
  else for (int i = 0; i < point; i++) out[len++] = digit_at(d, n, i);
  if (prec > 0) {
    out[len++] = '.';
    for (int i = 0; i < prec; i++) out[len++] = digit_at(d, n, point + i);
  }
  return len;
}

/* Scientific notation d.ddd e±XX (two digits at least) with `prec` decimals. */
static int scientific(const char *src, int n, int point, int prec, int upper, int zero, char *out) {
  static char d[MAX_DIGITS + 1];
  memcpy(d, src, (size_t)n);
  n = round_to(d, n, prec + 1, &point);
  int e = zero ? 0 : point - 1;
  int len = 0;
  out[len++] = d[0];
  if (prec > 0) {
    out[len++] = '.';
    for (int i = 1; i <= prec; i++) out[len++] = digit_at(d, n, i);
  }
  out[len++] = upper ? 'E' : 'e';
  out[len++] = e < 0 ? '-' : '+';
  int a = e < 0 ? -e : e;
  char x[8];
  int k = 0;
  do x[k++] = (char)('0' + a % 10); while ((a /= 10) != 0);
  if (k == 1) x[k++] = '0';
  while (k > 0) out[len++] = x[--k];
  return len;
}

static int strip_zeros(char *out, int len) {
  char *dot = memchr(out, '.', (size_t)len);
  if (!dot) return len;
  char *exp = memchr(out, 'e', (size_t)len);
  if (!exp) exp = memchr(out, 'E', (size_t)len);
  int tail = exp ? (int)(out + len - exp) : 0;
  int end = exp ? (int)(exp - out) : len;
  while (end > 0 && out[end - 1] == '0') end--;
  if (out[end - 1] == '.') end--;
  memmove(out + end, out + len - tail, (size_t)tail);
  return end + tail;
}

static void pad(struct sink *s, char c, int n) {
  char block[16];
  memset(block, c, sizeof block);
  while (n > 0) {
    int k = n > 16 ? 16 : n;
    s->put(s, block, (size_t)k);
    n -= k;
  }
}

#define BODY_MAX (MAX_DIGITS + 420)

/* %a's body after "0x" for a finite number >= 0: "1.8p+1". Rounds at `prec`
   hex digits to nearest, ties to even; a carry out of the digits goes to the
   leading digit (1 -> 2), not to the exponent, as in glibc. */
static int hex_float(const struct number *v, int prec, int upper, int alt, char *out) {
  int fb = v->frac_bits, nd = fb / 4;
  int leading = (int)(v->mant >> fb);
  int exp = v->mant == 0 ? 0 : v->exp + fb;
  int d[16], n = nd;
  for (int i = 0; i < nd; i++) d[i] = (int)(v->mant >> (fb - 4 * (i + 1))) & 15;
  if (prec < 0) {
    while (n > 0 && d[n - 1] == 0) n--;
  } else if (prec < nd) {
    int next = d[prec], rest = 0;
    for (int i = prec + 1; i < nd; i++) rest |= d[i];
    int last = prec > 0 ? d[prec - 1] : leading;
    if (next > 8 || (next == 8 && (rest || (last & 1)))) {
      int i = prec - 1;
      while (i >= 0 && d[i] == 15) d[i--] = 0;
      if (i >= 0) d[i]++;
      else if (++leading == 16) {
        leading = 1;
        exp += 4;
      }
    }
    n = prec;
  }
  const char *set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  int len = 0;
  out[len++] = set[leading];
  int shown = prec > n ? prec : n;
  if (shown > 0 || alt) out[len++] = '.';
  for (int i = 0; i < shown; i++) out[len++] = i < n ? set[d[i]] : '0';
  out[len++] = upper ? 'P' : 'p';
  out[len++] = exp < 0 ? '-' : '+';
  char e[8];
  int k = 0, x = exp < 0 ? -exp : exp;
  do e[k++] = (char)('0' + x % 10); while ((x /= 10) != 0);
  while (k > 0) out[len++] = e[--k];
  return len;
}

static int format_number(struct sink *s, const struct number *v, char conv, int prec, int flags, int width) {
  static char body[BODY_MAX]; /* one thread: static keeps the stack small */
  static char digits[MAX_DIGITS + 1];
  int len;
  int upper = conv == 'E' || conv == 'F' || conv == 'G' || conv == 'A';
  const char *radix = ""; /* "0x" of %a, between the sign and zero padding */
  if (prec > 400) prec = 400;
  if (v->special) {
    memcpy(body, v->special == 2 ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 3);
    len = 3;
    flags &= ~F_ZERO;
  } else if (conv == 'a' || conv == 'A') {
    len = hex_float(v, prec, upper, flags & F_ALT, body);
    radix = upper ? "0X" : "0x";
  } else {
    int point = 1, n = 1, zero = v->mant == 0;
    if (zero) digits[0] = '0';
    else n = exact_digits(v->mant, v->exp, digits, &point);
    if (conv == 'f' || conv == 'F') {
      len = fixed(digits, n, point, prec < 0 ? 6 : prec, body);
    } else if (conv == 'e' || conv == 'E') {
      len = scientific(digits, n, point, prec < 0 ? 6 : prec, upper, zero, body);
    } else {
      int p = prec < 0 ? 6 : prec == 0 ? 1 : prec;
      static char d[MAX_DIGITS + 1];
      memcpy(d, digits, (size_t)n);
      int rp = point;
      round_to(d, n, p, &rp);
      int x = zero ? 0 : rp - 1; /* the exponent %e would show */
      if (x < -4 || x >= p) len = scientific(digits, n, point, p - 1, upper, zero, body);
      else len = fixed(digits, n, point, p - 1 - x, body);
      if (!(flags & F_ALT)) len = strip_zeros(body, len);
    }
    if ((flags & F_ALT) && !memchr(body, '.', (size_t)len)) {
      /* '#' keeps the decimal point even without decimals */
      char *e = memchr(body, upper ? 'E' : 'e', (size_t)len);
      int at = e ? (int)(e - body) : len;
      memmove(body + at + 1, body + at, (size_t)(len - at));
      body[at] = '.';
      len++;
    }
  }
  const char *sign = v->neg ? "-" : (flags & F_PLUS) ? "+" : (flags & F_SPACE) ? " " : "";
  int slen = (int)strlen(sign), rlen = (int)strlen(radix);
  int fill = width - slen - rlen - len;
  if (!(flags & F_MINUS) && !(flags & F_ZERO)) pad(s, ' ', fill);
  s->put(s, sign, (size_t)slen);
  s->put(s, radix, (size_t)rlen);
  if (!(flags & F_MINUS) && (flags & F_ZERO)) pad(s, '0', fill);
  s->put(s, body, (size_t)len);
  if (flags & F_MINUS) pad(s, ' ', fill);
  return 0;
}

int __format_double(struct sink *s, double v, char conv, int prec, int flags, int width) {
  uint64_t bits;
  memcpy(&bits, &v, 8);
  int biased = (int)((bits >> 52) & 0x7ff);
  struct number n = { bits & ((1ull << 52) - 1), 0, (int)(bits >> 63), 0, 52 };
  if (biased == 0x7ff) n.special = n.mant ? 2 : 1;
  else if (biased == 0) n.exp = -1074; /* zero or subnormal */
  else {
    n.mant |= 1ull << 52;
    n.exp = biased - 1075;
  }
  return format_number(s, &n, conv, prec, flags, width);
}

/* x87 80-bit: 64-bit mantissa with its integer bit explicit, 15-bit exponent */
int __format_long_double(struct sink *s, long double v, char conv, int prec, int flags, int width) {
  struct { uint64_t mant; uint16_t sign_exp; } bits;
  memcpy(&bits, &v, 10);
  int biased = bits.sign_exp & 0x7fff;
  struct number n = { bits.mant, 0, bits.sign_exp >> 15, 0, 60 };
  if (biased == 0x7fff) n.special = (bits.mant << 1) ? 2 : 1;
  else n.exp = (biased == 0 ? 1 : biased) - 16383 - 63;
  return format_number(s, &n, conv, prec, flags, width);
}
