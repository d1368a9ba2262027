/* rand() and random() must give glibc's sequences: programs print them. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  for (int i = 0; i < 5; i++) printf("%d ", rand()); /* no srand: seed 1 */
  printf("\n");
  const unsigned seeds[] = {0, 1, 2, 42, 12345, 2147483647u, 2147483648u, 4294967295u};
  for (int s = 0; s < 8; s++) {
    srand(seeds[s]);
    long sum = 0;
    for (int i = 0; i < 1000; i++) sum ^= rand();
    printf("seed %u: %d %d %ld\n", seeds[s], rand(), rand() % 100, sum);
  }
  srandom(7);
  printf("random %ld %ld\n", random(), random());
  return 0;
}
