#ifndef _TIME_H
#define _TIME_H
#include <sys/types.h>
#include <stddef.h>
#define CLOCKS_PER_SEC 1000000L
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
struct timespec {
  time_t tv_sec;
  long tv_nsec;
};
time_t time(time_t *t);
clock_t clock(void);
int clock_gettime(int clock_id, struct timespec *ts);
#endif
