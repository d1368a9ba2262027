/* strtod of hex floats (glibc reads them; rounding to nearest even, subnormals, ends). */
#include <stdio.h>
#include <stdlib.h>
int main(void) {
  const char *t[] = {"0x1.8p1", "-0x1p-1074", "0x1p-1075", "0x1.8p-1075", "0x1.fffffffffffff8p0", "0x1.fffffffffffff7ffffp0", "0xABCDEF.123456789abcdefp-10", "0x.8", "0x1p1024", "0X1P+3xyz", "0x", "0x.p1", "0x1.00000000000008p0", "0x1.00000000000018p0", "0x0.0000000000001p-1022"};
  for (int i = 0; i < 15; i++) { char *e; double v = strtod(t[i], &e); printf("%s -> %a (%d)\n", t[i], v, (int)(e - t[i])); }
  return 0;
}
