/* Control flow gcc produces: calls through pointers and tables, switches,
   recursion, varargs, many stack arguments, struct returns, setjmp/longjmp,
   computed goto, qsort callbacks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

typedef int (*binop)(int, int);
static int add(int a, int b) { return a + b; }
static int sub(int a, int b) { return a - b; }
static int mul(int a, int b) { return a * b; }
static int quo(int a, int b) { return b ? a / b : 0; }
static binop ops[] = { add, sub, mul, quo };

__attribute__((noinline)) int apply(binop f, int a, int b) { return f(a, b); }

__attribute__((noinline)) const char *classify(int c) {
  switch (c) {
    case 0: return "zero";
    case 1: return "one";
    case 2: return "two";
    case 3: return "three";
    case 4: return "four";
    case 5: return "five";
    case 6: return "six";
    case 100: return "hundred";
    case 1000: return "thousand";
    default: return "other";
  }
}

static int is_even(unsigned n);
static int is_odd(unsigned n) { return n == 0 ? 0 : is_even(n - 1); }
static int is_even(unsigned n) { return n == 0 ? 1 : is_odd(n - 1); }

static int ackermann(int m, int n) {
  if (m == 0) return n + 1;
  if (n == 0) return ackermann(m - 1, 1);
  return ackermann(m - 1, ackermann(m, n - 1));
}

__attribute__((noinline)) long sum_varargs(int count, ...) {
  va_list ap;
  va_start(ap, count);
  long s = 0;
  for (int i = 0; i < count; i++) s += i % 2 ? (long)va_arg(ap, double) : va_arg(ap, int);
  va_end(ap);
  return s;
}

__attribute__((noinline)) long many_args(int a, int b, int c, int d, int e, int f, int g, int h, int i, int j) {
  return a + 2L * b + 3L * c + 4L * d + 5L * e + 6L * f + 7L * g + 8L * h + 9L * i + 10L * j;
}

struct pair { long long lo, hi; int tag; };
__attribute__((noinline)) struct pair make_pair(long long v, int tag) {
  struct pair p = { v, v >> 32, tag };
  return p;
}

static jmp_buf escape;
static void deep(int n) {
  if (n == 0) longjmp(escape, 7);
  deep(n - 1);
}

static int interpret(const unsigned char *code) {
  static void *labels[] = { &&inc, &&dbl, &&dec, &&stop };
  int acc = 1;
  goto *labels[*code++];
inc:
  acc++;
  goto *labels[*code++];
dbl:
  acc *= 2;
  goto *labels[*code++];
dec:
  acc--;
  goto *labels[*code++];
stop:
  return acc;
}

static int by_last_digit(const void *a, const void *b) {
  int x = *(const int *)a % 10, y = *(const int *)b % 10;
  if (x != y) return x - y;
  return *(const int *)a - *(const int *)b;
}

int main(void) {
  for (int i = 0; i < 4; i++) printf("op%d %d\n", i, apply(ops[i], 84, 4));
  for (int c = -1; c < 8; c++) printf("%s ", classify(c));
  printf("%s %s\n", classify(100), classify(1000));
  printf("parity %d %d\n", is_even(1001), is_odd(777));
  printf("ackermann %d\n", ackermann(2, 300));
  printf("varargs %ld\n", sum_varargs(6, 1, 2.5, 3, 4.75, 5, 6.0));
  printf("many %ld\n", many_args(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  struct pair p = make_pair(0x123456789abLL, 9);
  printf("pair %lld %lld %d\n", p.lo, p.hi, p.tag);
  int r = setjmp(escape);
  if (r == 0) deep(50);
  printf("longjmp %d\n", r);
  unsigned char prog[] = { 0, 1, 1, 2, 1, 0, 3 };
  printf("goto %d\n", interpret(prog));
  int v[30];
  for (int i = 0; i < 30; i++) v[i] = (i * 37) % 101;
  qsort(v, 30, sizeof v[0], by_last_digit);
  for (int i = 0; i < 30; i += 5) printf("%d ", v[i]);
  printf("\n");
  return 0;
}
