/* lldiv, system (no shell in the sandbox) and inttypes.h's functions. */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>

lldiv_t lldiv(long long a, long long b) {
  lldiv_t r = { a / b, a % b };
  return r;
}

/* no command processor: system(NULL) says so, any command fails */
int system(const char *command) {
  if (command == NULL) return 0;
  errno = ENOSYS;
  return -1;
}

intmax_t imaxabs(intmax_t x) { return x < 0 ? -x : x; }

imaxdiv_t imaxdiv(intmax_t a, intmax_t b) {
  imaxdiv_t r = { a / b, a % b };
  return r;
}

intmax_t strtoimax(const char *s, char **end, int base) { return strtoll(s, end, base); }
uintmax_t strtoumax(const char *s, char **end, int base) { return strtoull(s, end, base); }
