/* posix_memalign / aligned_alloc / memalign with free and realloc mixed in:
   the pointers must be aligned, the data kept, and freed memory reusable. */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  int bad = 0;
  void *keep[64];
  for (int round = 0; round < 3; round++) {
    for (int i = 0; i < 64; i++) {
      size_t align = (size_t)1 << (3 + i % 10); /* 8 .. 4096 */
      size_t n = 1 + (size_t)(i * 37 % 500);
      void *p = NULL;
      if (i % 3 == 0) {
        if (posix_memalign(&p, align, n) != 0) p = NULL;
      } else if (i % 3 == 1) {
        p = aligned_alloc(align, n);
      } else {
        p = memalign(align, n);
      }
      if (p == NULL || ((uintptr_t)p & (align - 1)) != 0) bad++;
      else memset(p, i, n);
      keep[i] = p;
    }
    for (int i = 0; i < 64; i += 2) {
      size_t n = 1 + (size_t)(i * 37 % 500);
      unsigned char *q = realloc(keep[i], n + 3000);
      if (q == NULL) { bad++; continue; }
      for (size_t k = 0; k < n; k++) bad += q[k] != (unsigned char)i;
      keep[i] = q;
    }
    for (int i = 0; i < 64; i++) free(keep[i]);
  }
  void *p = (void *)1;
  printf("bad %d\n", bad);
  printf("posix_memalign(3) %d, (24) %d\n", posix_memalign(&p, 3, 10) == EINVAL, posix_memalign(&p, 24, 10) == EINVAL);
  /* glibc 2.36 rounds an alignment up to a power of two */
  unsigned char *odd = aligned_alloc(48, 10), *zero = aligned_alloc(0, 10);
  printf("aligned_alloc(48) %d, (0) %d\n", odd != NULL && ((uintptr_t)odd & 63) == 0, zero != NULL);
  return 0;
}
