/* __attribute__((constructor)) (with priorities) before main, atexit handlers
   and then destructors after it, as glibc runs them. */
#include <stdio.h>
#include <stdlib.h>
static int order[8], n;
__attribute__((constructor)) static void first(void) { order[n++] = 1; }
__attribute__((constructor(200))) static void early(void) { order[n++] = 2; }
__attribute__((destructor)) static void last(void) { printf("destructor after main, n=%d\n", n); }
static void bye(void) { printf("atexit handler\n"); }
int main(void) {
  atexit(bye);
  printf("constructors ran: %d:", n);
  for (int i = 0; i < n; i++) printf(" %d", order[i]);
  printf("\n");
  return 0;
}
