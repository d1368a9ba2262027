#include <errno.h>
#include <time.h>
#include <sys/time.h>
#include "nacl-syscalls.h"

int gettimeofday(struct timeval *tv, void *tz) {
  (void)tz;
  int r = __nacl_gettimeofday(tv);
  if (r < 0) { errno = -r; return -1; }
  return 0;
}

time_t time(time_t *t) {
  struct timeval tv;
  if (gettimeofday(&tv, NULL) < 0) return -1;
  if (t) *t = tv.tv_sec;
  return tv.tv_sec;
}

clock_t clock(void) { return (clock_t)__nacl_clock(); }

int clock_gettime(int clock_id, struct timespec *ts) {
  int r = __nacl_clock_gettime(clock_id, ts);
  if (r < 0) { errno = -r; return -1; }
  return 0;
}
