/* Native side of bench/cpu/run.ts: runs the loops of loops.S (built with -DNATIVE) and prints
 * "<name> <iterations> <seconds>" per loop (best of 5). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static unsigned buffer[0x10000];

#define CALL_LOOP(fn, n, base)                                                        \
  __asm__ volatile("push %%r15\n mov %1, %%r15\n call " #fn "\n pop %%r15"             \
                   : "+D"(n) : "r"(base) : "rax", "rcx", "rdx", "rsi", "xmm0", "xmm1", "xmm2", "xmm3", "xmm4", "memory", "cc")

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t); /* CPU time, as the TypeScript side */
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long iters = argc > 1 ? atol(argv[1]) : 100000000;
  char *base = (char *)buffer - 0x30000; /* loops address 0x30000(%r15,...) */
  const char *names[] = { "alu_loop", "mem_loop", "mix_loop", "rot_loop", "fp_loop" };
  for (int k = 0; k < 5; k++) {
    double best = 1e9;
    for (int rep = 0; rep < 5; rep++) {
      long n = iters;
      double t0 = now();
      if (k == 0) CALL_LOOP(alu_loop, n, base);
      else if (k == 1) CALL_LOOP(mem_loop, n, base);
      else if (k == 2) CALL_LOOP(mix_loop, n, base);
      else if (k == 3) CALL_LOOP(rot_loop, n, base);
      else CALL_LOOP(fp_loop, n, base);
      double t = now() - t0;
      if (t < best) best = t;
    }
    printf("%s %ld %.6f\n", names[k], iters, best);
  }
  return 0;
}
