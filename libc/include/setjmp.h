#ifndef _SETJMP_H
#define _SETJMP_H
/* rbx, rbp, r12, r13, r14, rsp, return address (64-bit slots). */
typedef unsigned long long jmp_buf[8];
int setjmp(jmp_buf env) __attribute__((returns_twice));
_Noreturn void longjmp(jmp_buf env, int value);
#endif
