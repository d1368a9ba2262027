/* %e %f %g for printf. Digits come from long double (x87, 64-bit mantissa)
   arithmetic: exact for the common cases, ties rounded to even like glibc when
   the scaled value is exact, and within 1e-19 relative otherwise. */
#include <string.h>
#include "format.h"

#define MAX_EXACT_DIGITS 19

static long double pow10l_(int k) {
  long double r = 1.0L, b = 10.0L;
  int neg = k < 0;
  unsigned u = neg ? (unsigned)-k : (unsigned)k;
  while (u) {
    if (u & 1) r *= b;
    b *= b;
    u >>= 1;
  }
  return neg ? 1.0L / r : r;
}

/* Rounds a non-negative long double to an integer, ties to even. */
static unsigned long long round_even(long double m) {
  unsigned long long i = (unsigned long long)m;
  long double frac = m - (long double)i;
  if (frac > 0.5L || (frac == 0.5L && (i & 1))) i++;
  return i;
}

/* n significant digits of v > 0 into out; returns the decimal exponent E (v ~ d.ddd x 10^E). */
static int significant(double v, int n, char *out) {
  int e2 = 0;
  __builtin_frexp(v, &e2);
  int e = (int)((e2 - 1) * 0.30102999566398120);
  long double scaled = (long double)v / pow10l_(e);
  while (scaled >= 10.0L) { scaled /= 10.0L; e++; }
  while (scaled < 1.0L) { scaled *= 10.0L; e--; }
  int exact = n > MAX_EXACT_DIGITS ? MAX_EXACT_DIGITS : n;
  unsigned long long digits = round_even(scaled * pow10l_(exact - 1));
  unsigned long long limit = (unsigned long long)pow10l_(exact);
  if (digits >= limit) { digits /= 10; e++; }
  for (int i = exact - 1; i >= 0; i--) { out[i] = (char)('0' + digits % 10); digits /= 10; }
  for (int i = exact; i < n; i++) out[i] = '0';
  return e;
}

/* Exact decimal digits of an integral double (>= 1) into out; returns the count. */
static int exact_integer(double v, char *out, int room) {
  int e2;
  double m = __builtin_frexp(v, &e2); /* v = m * 2^e2, m in [0.5, 1) */
  unsigned long long mant = (unsigned long long)__builtin_ldexp(m, 53);
  int shift = e2 - 53;
  if (shift < 0) { mant >>= -shift; shift = 0; } /* v is integral: the dropped bits are zero */
  unsigned limbs[40]; /* base 1e9, least significant first */
  int n = 0;
  while (mant) { limbs[n++] = (unsigned)(mant % 1000000000u); mant /= 1000000000u; }
  for (; shift > 0; shift--) {
    unsigned carry = 0;
    for (int i = 0; i < n; i++) {
      unsigned long long t = (unsigned long long)limbs[i] * 2 + carry;
      limbs[i] = (unsigned)(t % 1000000000u);
      carry = (unsigned)(t / 1000000000u);
    }
    if (carry) limbs[n++] = carry;
  }
  char tmp[400];
  int k = 0;
  for (int i = 0; i < n; i++) {
    unsigned x = limbs[i];
    for (int j = 0; j < 9; j++) { tmp[k++] = (char)('0' + x % 10); x /= 10; }
  }
  while (k > 1 && tmp[k - 1] == '0') k--;
  int len = 0;
  while (k && len < room) out[len++] = tmp[--k];
  return len;
}

/* Fixed notation with `prec` decimals into out; returns the length. */
static int fixed(double v, int prec, char *out) {
  char digs[400];
  int nd; /* digits in digs, the last `prec` of them after the point */
  long double m = (long double)v * pow10l_(prec);
  if (m < 9.2e18L) {
    unsigned long long i = round_even(m);
    char tmp[24];
    int k = 0;
    do { tmp[k++] = (char)('0' + i % 10); i /= 10; } while (i);
    nd = 0;
    for (int z = k; z <= prec; z++) digs[nd++] = '0'; /* at least one digit before the point */
    while (k) digs[nd++] = tmp[--k];
  } else {
    /* exact integer part, then decimals by repeated *10: exact in long double
       while the fraction has at most 52 bits after the point (v >= 1) */
    double ip = v < 1 ? 0 : (v >= 9007199254740992.0 ? v : (double)(unsigned long long)v);
    nd = ip >= 1 ? exact_integer(ip, digs, (int)sizeof digs - prec - 2) : 0;
    if (nd == 0) digs[nd++] = '0';
    long double f = (long double)v - (long double)ip;
    for (int i = 0; i < prec; i++) {
      f *= 10;
      int d = (int)f;
      f -= d;
      digs[nd++] = (char)('0' + d);
    }
    if (f > 0.5L || (f == 0.5L && (digs[nd - 1] - '0') % 2 == 1)) {
      int i = nd - 1;
      while (i >= 0 && digs[i] == '9') digs[i--] = '0';
      if (i >= 0) digs[i]++;
      else {
        memmove(digs + 1, digs, (size_t)nd);
        digs[0] = '1';
        nd++;
      }
    }
  }
  int len = 0;
  for (int i = 0; i < nd - prec; i++) out[len++] = digs[i];
  if (prec > 0) {
    out[len++] = '.';
    for (int i = nd - prec; i < nd; i++) out[len++] = digs[i];
  }
  return len;
}

/* Scientific notation: d.ddd e±XX */
static int scientific(double v, int prec, char upper, char *out) {
  char digs[400];
  int e = v == 0 ? 0 : significant(v, prec + 1, digs);
  if (v == 0) memset(digs, '0', (size_t)prec + 1);
  int len = 0;
  out[len++] = digs[0];
  if (prec > 0) {
    out[len++] = '.';
    memcpy(out + len, digs + 1, (size_t)prec);
    len += prec;
  }
  out[len++] = upper ? 'E' : 'e';
  out[len++] = e < 0 ? '-' : '+';
  int a = e < 0 ? -e : e;
  if (a >= 100) out[len++] = (char)('0' + a / 100);
  out[len++] = (char)('0' + (a / 10) % 10);
  out[len++] = (char)('0' + a % 10);
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
  while (n-- > 0) s->put(s, &c, 1);
}

int __format_double(struct sink *s, double v, char conv, int prec, int flags, int width) {
  char body[800];
  int len;
  int upper = conv == 'E' || conv == 'F' || conv == 'G';
  int neg = __builtin_signbit(v) != 0;
  if (neg) v = -v;
  if (prec > 350) prec = 350;
  if (v != v || v == __builtin_inf()) {
    memcpy(body, v != v ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 3);
    len = 3;
    flags &= ~F_ZERO;
  } else if (conv == 'f' || conv == 'F') {
    len = fixed(v, prec < 0 ? 6 : prec, body);
  } else if (conv == 'e' || conv == 'E') {
    len = scientific(v, prec < 0 ? 6 : prec, (char)upper, body);
  } else {
    int p = prec < 0 ? 6 : prec == 0 ? 1 : prec;
    char tmp[MAX_EXACT_DIGITS + 400];
    int e = v == 0 ? 0 : significant(v, p, tmp);
    if (e < -4 || e >= p) len = scientific(v, p - 1, (char)upper, body);
    else len = fixed(v, p - 1 - e, body);
    if (!(flags & F_ALT)) len = strip_zeros(body, len);
  }
  if ((flags & F_ALT) && !memchr(body, '.', (size_t)len) && (conv == 'f' || conv == 'F' || conv == 'e' || conv == 'E') && len < 799) {
    /* '#' keeps the point even without decimals */
    char *e = memchr(body, upper ? 'E' : 'e', (size_t)len);
    int at = e ? (int)(e - body) : len;
    memmove(body + at + 1, body + at, (size_t)(len - at));
    body[at] = '.';
    len++;
  }
  const char *sign = neg ? "-" : (flags & F_PLUS) ? "+" : (flags & F_SPACE) ? " " : "";
  int slen = (int)strlen(sign);
  int fill = width - slen - len;
  if (!(flags & F_MINUS) && !(flags & F_ZERO)) pad(s, ' ', fill);
  s->put(s, sign, (size_t)slen);
  if (!(flags & F_MINUS) && (flags & F_ZERO)) pad(s, '0', fill);
  s->put(s, body, (size_t)len);
  if (flags & F_MINUS) pad(s, ' ', fill);
  return 0;
}
