#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <stdio.h>
#include "nacl-syscalls.h"

char **environ;

int abs(int x) { return x < 0 ? -x : x; }
long labs(long x) { return x < 0 ? -x : x; }
long long llabs(long long x) { return x < 0 ? -x : x; }
div_t div(int a, int b) { div_t r = { a / b, a % b }; return r; }
ldiv_t ldiv(long a, long b) { ldiv_t r = { a / b, a % b }; return r; }

/* rand() as glibc's (random(), its default additive feedback generator), so
   programs print the same "random" numbers: 34 words seeded by the
   Park-Miller generator (16807 x mod 2^31 - 1), r[i] = r[i-3] + r[i-31]
   thereafter, 310 outputs discarded, each result r[i] >> 1. */
static uint32_t rand_ring[34];
static int rand_at = -1; /* the next slot; -1 before the first srand */

void srand(unsigned seed) {
  int32_t r = seed == 0 ? 1 : (int32_t)seed;
  rand_ring[0] = (uint32_t)r;
  for (int i = 1; i < 31; i++) {
    int32_t hi = r / 127773, lo = r % 127773;
    r = 16807 * lo - 2836 * hi;
    if (r < 0) r += 2147483647;
    rand_ring[i] = (uint32_t)r;
  }
  for (int i = 31; i < 34; i++) rand_ring[i] = rand_ring[i - 31];
  rand_at = 0;
  for (int i = 0; i < 310; i++) rand();
}

int rand(void) {
  if (rand_at < 0) srand(1);
  /* the ring holds r[i-34..i-1]: r[i-31] is 3 slots ahead, r[i-3] 31 slots ahead */
  uint32_t v = rand_ring[(rand_at + 3) % 34] + rand_ring[(rand_at + 31) % 34];
  rand_ring[rand_at] = v;
  rand_at = (rand_at + 1) % 34;
  return (int)(v >> 1);
}

long random(void) { return rand(); }
void srandom(unsigned seed) { srand(seed); }

#define MAX_ATEXIT 32
static void (*atexit_fns[MAX_ATEXIT])(void);
static int atexit_count;

int atexit(void (*fn)(void)) {
  if (atexit_count == MAX_ATEXIT) return -1;
  atexit_fns[atexit_count++] = fn;
  return 0;
}

/* __attribute__((destructor)) functions (src/toolchain/nexe.ld), run in reverse */
extern void (*__fini_array_start[])(void);
extern void (*__fini_array_end[])(void);

/* atexit handlers (last registered first), then destructors, as in glibc */
_Noreturn void exit(int status) {
  while (atexit_count > 0) atexit_fns[--atexit_count]();
  for (void (**f)(void) = __fini_array_end; f > __fini_array_start;) (*--f)();
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


typedef int (*cmp_fn)(const void *, const void *);

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
