/* The NaCl system calls our libc uses (design/zerovm.md §8): each is a call to
   trampoline slot N at 0x10000 + 32*N with SysV arguments; the result comes back
   in %eax, a negative errno on failure. The rest of libc calls only these, so a
   host build of libc (for testing) can swap this one file. */
#ifndef NACL_SYSCALLS_H
#define NACL_SYSCALLS_H
#include <stddef.h>
#include <sys/types.h>

struct stat;
struct timeval;
struct timespec;

int __nacl_open(const char *path, int flags, int mode);
int __nacl_close(int fd);
int __nacl_read(int fd, void *buf, size_t n);
int __nacl_write(int fd, const void *buf, size_t n);
/* NaCl's lseek takes the offset by pointer and writes the new position back. */
int __nacl_lseek(int fd, off_t *offset, int whence);
int __nacl_fstat(int fd, struct stat *st);
int __nacl_stat(const char *path, struct stat *st);
int __nacl_isatty(int fd);
/* Returns the new break (the old one when the request was refused); brk(0) asks. */
void *__nacl_brk(void *end);
_Noreturn void __nacl_exit(int status);
int __nacl_gettimeofday(struct timeval *tv);
long __nacl_clock(void);
int __nacl_clock_gettime(int clock_id, struct timespec *ts);
int __nacl_getdents(int fd, void *buf, size_t n);
int __nacl_unlink(const char *path);
#endif
