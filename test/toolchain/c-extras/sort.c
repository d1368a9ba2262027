/* qsort and bsearch: equal keys keep their order and the comparator sees the calls glibc makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
static long calls;
struct rec { int key; int id; char pad[40]; };
static int by_key(const void *a, const void *b) { calls++; const struct rec *x = a, *y = b; return (x->key > y->key) - (x->key < y->key); }
static int by_int(const void *a, const void *b) { calls++; return *(const int *)a - *(const int *)b; }
static struct rec recs[3000];
static int ints[5000];
int main(void) {
  unsigned x = 7;
  for (int t = 0; t < 16; t++) {
    int n = (t * 131) % 2000 + 1, m = (t * 257) % 3000 + 1;
    for (int i = 0; i < n; i++) { x = x * 1103515245 + 12345; recs[i].key = (x >> 16) % (t % 9 + 1); recs[i].id = i; }
    for (int i = 0; i < m; i++) { x = x * 1103515245 + 12345; ints[i] = (x >> 8) % 700; }
    calls = 0; qsort(recs, n, sizeof recs[0], by_key); long c1 = calls;
    calls = 0; qsort(ints, m, sizeof ints[0], by_int); long c2 = calls;
    unsigned h = 0;
    for (int i = 0; i < n; i++) h = h * 31 + recs[i].id;
    for (int i = 0; i < m; i++) h = h * 31 + ints[i];
    int key = 350; calls = 0; int *hit = bsearch(&key, ints, m, sizeof ints[0], by_int);
    printf("%d: %ld %ld %08x %ld %ld\n", t, c1, c2, h, hit ? (long)(hit - ints) : -1L, calls);
  }
  return 0;
}
