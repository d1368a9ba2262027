/* qsort as glibc's: a top-down merge sort through a scratch buffer, so equal elements keep their
   order and a comparator sees the same calls in the same order as under glibc (programs that print
   a sorted array with ties, or count comparisons, print the same). Without memory for the scratch
   buffer glibc falls back to an in-place quicksort; so does this one. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef int (*cmp_fn)(const void *, const void *);

static void merge_sort(char *b, size_t n, size_t size, cmp_fn cmp, char *tmp) {
  if (n <= 1) return;
  size_t n1 = n / 2, n2 = n - n1;
  char *b1 = b, *b2 = b + n1 * size;
  merge_sort(b1, n1, size, cmp, tmp);
  merge_sort(b2, n2, size, cmp, tmp);
  char *out = tmp;
  while (n1 > 0 && n2 > 0) {
    if (cmp(b1, b2) <= 0) { memcpy(out, b1, size); b1 += size; n1--; }
    else { memcpy(out, b2, size); b2 += size; n2--; }
    out += size;
  }
  if (n1 > 0) memcpy(out, b1, n1 * size);
  memcpy(b, tmp, (n - n2) * size); /* what is left of the second half is already in place */
}

/* The fallback: quicksort with median-of-three, insertion sort for short runs, recursion on the
   smaller side so the stack stays O(log n). */
static void swap_bytes(char *a, char *b, size_t size) {
  if (size == 4 && ((((unsigned long)a | (unsigned long)b) & 3) == 0)) {
    int t = *(int *)a; *(int *)a = *(int *)b; *(int *)b = t;
    return;
  }
  while (size--) { char t = *a; *a++ = *b; *b++ = t; }
}

static void insertion_sort(char *base, size_t count, size_t size, cmp_fn cmp) {
  for (size_t i = 1; i < count; i++) {
    for (size_t j = i; j > 0 && cmp(base + (j - 1) * size, base + j * size) > 0; j--) {
      swap_bytes(base + (j - 1) * size, base + j * size, size);
    }
  }
}

static void quick_sort(char *base, size_t count, size_t size, cmp_fn cmp) {
  while (count > 12) {
    char *lo = base, *mid = base + (count / 2) * size, *hi = base + (count - 1) * size;
    if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    if (cmp(hi, mid) < 0) {
      swap_bytes(hi, mid, size);
      if (cmp(mid, lo) < 0) swap_bytes(mid, lo, size);
    }
    swap_bytes(mid, lo, size); /* pivot to the front */
    char *i = base + size, *j = hi;
    for (;;) {
      while (i <= j && cmp(i, base) < 0) i += size;
      while (i <= j && cmp(j, base) > 0) j -= size;
      if (i >= j) break;
      swap_bytes(i, j, size);
      i += size;
      j -= size;
    }
    swap_bytes(base, j, size);
    size_t left = (size_t)(j - base) / size;
    size_t right = count - left - 1;
    if (left < right) {
      quick_sort(base, left, size, cmp);
      base = j + size;
      count = right;
    } else {
      quick_sort(j + size, right, size, cmp);
      count = left;
    }
  }
  insertion_sort(base, count, size, cmp);
}

void qsort(void *base, size_t count, size_t size, cmp_fn cmp) {
  if (count <= 1 || size == 0) return;
  char *tmp = count > SIZE_MAX / size ? NULL : malloc(count * size);
  if (tmp) {
    merge_sort(base, count, size, cmp, tmp);
    free(tmp);
  } else {
    quick_sort(base, count, size, cmp);
  }
}
