#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H
#include <stdint.h>
typedef int ssize_t;
typedef long long off_t;
typedef unsigned int mode_t;
typedef long long time_t;
typedef long long ino_t;
typedef long clock_t;
typedef int suseconds_t;
typedef int pid_t;
#endif
