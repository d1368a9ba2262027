#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include "nacl-syscalls.h"

char **environ;

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
div_t div(int a, int b) { div_t r = { a / b, a % b }; return r; }
ldiv_t ldiv(long a, long b) { ldiv_t r = { a / b, a % b }; return r; }

static unsigned long long rand_state = 1;
void srand(unsigned seed) { rand_state = seed; }
int rand(void) {
  rand_state = rand_state * 6364136223846793005ull + 1442695040888963407ull;
  return (int)(rand_state >> 33);
}

#define MAX_ATEXIT 32
static void (*atexit_fns[MAX_ATEXIT])(void);
static int atexit_count;

int atexit(void (*fn)(void)) {
  if (atexit_count == MAX_ATEXIT) return -1;
  atexit_fns[atexit_count++] = fn;
  return 0;
}

_Noreturn void exit(int status) {
  while (atexit_count > 0) atexit_fns[--atexit_count]();
  fflush(NULL);
  __nacl_exit(status);
}

_Noreturn void _Exit(int status) { __nacl_exit(status); }
_Noreturn void _exit(int status) { __nacl_exit(status); }

_Noreturn void abort(void) {
  fflush(NULL);
  static const char msg[] = "abort\n";
  __nacl_write(2, msg, sizeof msg - 1);
  __nacl_exit(134);
}

_Noreturn void __assert_fail(const char *expr, const char *file, int line) {
  fprintf(stderr, "%s:%d: assertion failed: %s\n", file, line, expr);
  abort();
}

char *getenv(const char *name) {
  size_t n = strlen(name);
  if (!environ) return NULL;
  for (char **e = environ; *e; e++) {
    if (strncmp(*e, name, n) == 0 && (*e)[n] == '=') return *e + n + 1;
  }
  return NULL;
}

/* qsort: quicksort with median-of-three, insertion sort for short runs,
   recursion on the smaller side so the stack stays O(log n). */
static void swap_bytes(char *a, char *b, size_t size) {
  if (size == 4 && ((((unsigned long)a | (unsigned long)b) & 3) == 0)) {
    int t = *(int *)a; *(int *)a = *(int *)b; *(int *)b = t;
    return;
  }
  while (size--) { char t = *a; *a++ = *b; *b++ = t; }
}

typedef int (*cmp_fn)(const void *, const void *);

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
  if (count > 1 && size > 0) quick_sort(base, count, size, cmp);
}

void *bsearch(const void *key, const void *base, size_t count, size_t size, cmp_fn cmp) {
  const char *lo = base;
  while (count > 0) {
    const char *mid = lo + (count / 2) * size;
    int c = cmp(key, mid);
    if (c == 0) return (void *)mid;
    if (c > 0) { lo = mid + size; count -= count / 2 + 1; }
    else count /= 2;
  }
  return NULL;
}
