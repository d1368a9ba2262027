/* Arithmetic gcc compiles in many ways: 64-bit integers, signed/unsigned
   division, shifts, floats and doubles, conversions, vectorisable loops. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#define N 1000
float fa[N], fb[N];
double da[N];
int ia[N];

__attribute__((noinline)) uint64_t mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

__attribute__((noinline)) long long divs(long long a, long long b) { return a / b + a % b; }
__attribute__((noinline)) unsigned long long divu(unsigned long long a, unsigned long long b) { return a / b + a % b; }
__attribute__((noinline)) int div32(int a, int b) { return a / b * 1000 + a % b; }

__attribute__((noinline)) float dot(const float *a, const float *b, int n) {
  float s = 0;
  for (int i = 0; i < n; i++) s += a[i] * b[i];
  return s;
}

__attribute__((noinline)) void saxpy(float *y, const float *x, float a, int n) {
  for (int i = 0; i < n; i++) y[i] += a * x[i];
}

__attribute__((noinline)) int max_of(const int *v, int n) {
  int m = v[0];
  for (int i = 1; i < n; i++) m = v[i] > m ? v[i] : m;
  return m;
}

int main(void) {
  uint64_t h = 1;
  for (int i = 0; i < 100; i++) h = mix64(h + (uint64_t)i);
  printf("mix64 %016llx\n", (unsigned long long)h);
  printf("divs %lld %lld %lld\n", divs(-1000000000007LL, 97), divs(123456789012345LL, -1000), divs(-7, -2));
  printf("divu %llu %llu\n", divu(18446744073709551615ULL, 10), divu(1ULL << 63, 3));
  printf("div32 %d %d\n", div32(-2147483647, 3), div32(1000, -7));
  printf("shifts %d %u %lld %llu\n", -100 >> 3, 0x80000000u >> 31, -1LL << 40, 1ULL << 63 >> 1);
  for (int i = 0; i < N; i++) {
    fa[i] = (float)i * 0.5f;
    fb[i] = (float)(N - i) * 0.25f;
    da[i] = sqrt((double)i) / 3.0;
    ia[i] = (int)((mix64((uint64_t)i) >> 40) % 100000) - 50000;
  }
  printf("dot %.1f\n", dot(fa, fb, N));
  saxpy(fa, fb, 2.0f, N);
  printf("saxpy %.2f %.2f\n", fa[0], fa[N - 1]);
  double s = 0;
  for (int i = 0; i < N; i++) s += da[i] * da[N - 1 - i];
  printf("doubles %.6f\n", s);
  printf("max %d\n", max_of(ia, N));
  double x = -7.75;
  printf("conversions %d %u %lld %.3f %.3f\n", (int)x, (unsigned)(x * -2), (long long)(x * 1e12), (double)(float)x, (double)(long long)(x * 3));
  printf("float ops %.4f %.4f %.4f\n", floor(x), ceil(x), fmod(x, 2.0));
  unsigned u = 0xdeadbeef;
  printf("bits %d %d %d %08x\n", __builtin_popcount(u), __builtin_clz(u >> 4), __builtin_ctz(u & ~1u), __builtin_bswap32(u));
  return 0;
}
