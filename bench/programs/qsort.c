/* qsort: sorts N ints (default 1000000) from a deterministic xorshift PRNG
   with the C library's qsort, checks the order and prints a checksum.
   usage: qsort [n] */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int compare(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  size_t n = argc > 1 ? (size_t)atoi(argv[1]) : 1000000;
  int *v = malloc(n * sizeof *v);
  if (!v) {
    fprintf(stderr, "qsort: out of memory\n");
    return 1;
  }
  uint32_t x = 2463534242u;
  for (size_t i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    v[i] = (int)(x % 2000001u) - 1000000;
  }
  qsort(v, n, sizeof *v, compare);
  uint64_t sum = 0;
  for (size_t i = 0; i < n; i++) {
    if (i > 0 && v[i - 1] > v[i]) {
      printf("not sorted at %zu\n", i);
      return 1;
    }
    sum = sum * 31 + (uint32_t)v[i];
  }
  printf("n=%zu min=%d median=%d max=%d checksum=%016llx\n", n, n ? v[0] : 0, n ? v[n / 2] : 0,
         n ? v[n - 1] : 0, (unsigned long long)sum);
  free(v);
  return 0;
}
