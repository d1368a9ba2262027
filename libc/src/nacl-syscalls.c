/* Calls into the NaCl trampolines. The function-pointer cast makes gcc emit a
   call through a register, which the sandboxing pass turns into a naclcall. */
#include <stdint.h>
#include "nacl-syscalls.h"

#define SLOT(n) (0x10000u + 32u * (n))
#define NACL_OPEN 10
#define NACL_CLOSE 11
#define NACL_READ 12
#define NACL_WRITE 13
#define NACL_LSEEK 14
#define NACL_STAT 16
#define NACL_FSTAT 17
#define NACL_ISATTY 19
#define NACL_BRK 20
#define NACL_GETDENTS 23
#define NACL_EXIT 30
#define NACL_GETTIMEOFDAY 40
#define NACL_CLOCK 41
#define NACL_CLOCK_GETTIME 44
#define NACL_UNLINK 49

#define CALL(n, type) ((type)(uintptr_t)SLOT(n))

int __nacl_open(const char *path, int flags, int mode) {
  return CALL(NACL_OPEN, int (*)(const char *, int, int))(path, flags, mode);
}
int __nacl_close(int fd) { return CALL(NACL_CLOSE, int (*)(int))(fd); }
int __nacl_read(int fd, void *buf, size_t n) { return CALL(NACL_READ, int (*)(int, void *, size_t))(fd, buf, n); }
int __nacl_write(int fd, const void *buf, size_t n) {
  return CALL(NACL_WRITE, int (*)(int, const void *, size_t))(fd, buf, n);
}
int __nacl_lseek(int fd, off_t *offset, int whence) {
  return CALL(NACL_LSEEK, int (*)(int, off_t *, int))(fd, offset, whence);
}
int __nacl_fstat(int fd, struct stat *st) { return CALL(NACL_FSTAT, int (*)(int, struct stat *))(fd, st); }
int __nacl_stat(const char *path, struct stat *st) {
  return CALL(NACL_STAT, int (*)(const char *, struct stat *))(path, st);
}
int __nacl_isatty(int fd) { return CALL(NACL_ISATTY, int (*)(int))(fd); }
void *__nacl_brk(void *end) { return CALL(NACL_BRK, void *(*)(void *))(end); }
_Noreturn void __nacl_exit(int status) {
  CALL(NACL_EXIT, void (*)(int))(status);
  for (;;) __builtin_trap(); /* exit does not return; ud2 if a broken runtime does */
}
int __nacl_gettimeofday(struct timeval *tv) { return CALL(NACL_GETTIMEOFDAY, int (*)(struct timeval *))(tv); }
long __nacl_clock(void) { return CALL(NACL_CLOCK, long (*)(void))(); }
int __nacl_clock_gettime(int clock_id, struct timespec *ts) {
  return CALL(NACL_CLOCK_GETTIME, int (*)(int, struct timespec *))(clock_id, ts);
}
int __nacl_getdents(int fd, void *buf, size_t n) { return CALL(NACL_GETDENTS, int (*)(int, void *, size_t))(fd, buf, n); }
int __nacl_unlink(const char *path) { return CALL(NACL_UNLINK, int (*)(const char *))(path); }
