/* The POSIX string functions, lldiv/inttypes, getline at end of input, and the
   long double math functions (exact ones bit for bit, the others to 15 digits). */
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int main(void) {
  printf("strcasecmp %d %d %d strncasecmp %d\n", strcasecmp("Hello", "hELLO") == 0, strcasecmp("abc", "ABD") < 0,
         strcasecmp("b", "A") > 0, strncasecmp("HELLOx", "helloy", 5));
  char buf[64] = "a,b,,c", *rest = buf, *tok;
  while ((tok = strsep(&rest, ",")) != NULL) printf("[%s]", tok);
  char line[] = "  one two\tthree ", *save;
  for (tok = strtok_r(line, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) printf("<%s>", tok);
  char out[32];
  char *end = stpcpy(stpcpy(out, "ab"), "cde");
  printf(" stpcpy %s %d\n", out, (int)(end - out));
  lldiv_t d = lldiv(-7000000000LL, 3);
  imaxdiv_t m = imaxdiv(INTMAX_MIN + 1, 10);
  printf("lldiv %lld %lld imaxdiv %jd %jd imaxabs %jd strtoimax %jd strtoumax %ju\n", d.quot, d.rem, m.quot, m.rem,
         imaxabs(-5), strtoimax("-0x7f", NULL, 0), strtoumax("18446744073709551615", NULL, 10));
  char *l = NULL;
  size_t cap = 0;
  printf("getline at end of input %d\n", (int)getline(&l, &cap, stdin));
  const long double xs[] = {2.0L, -0.75L, 10.5L, 1e10L, -123.456L, 0.1L};
  for (int i = 0; i < 6; i++) {
    long double x = xs[i];
    printf("%Lg: sqrtl %La fabsl %La fmodl %La floorl %La ceill %La truncl %La roundl %La rintl %La\n", x, sqrtl(fabsl(x)),
           fabsl(x), fmodl(x, 0.3L), floorl(x), ceill(x), truncl(x), roundl(x), rintl(x));
    printf("  expl %.15Lg logl %.15Lg log10l %.15Lg log2l %.15Lg powl %.15Lg sinl %.15Lg cosl %.15Lg tanl %.15Lg atanl %.15Lg atan2l %.15Lg\n",
           expl(x / 8), logl(fabsl(x)), log10l(fabsl(x)), log2l(fabsl(x)), powl(fabsl(x), 1.5L), sinl(x), cosl(x), tanl(x), atanl(x),
           atan2l(x, -2.0L));
  }
  return 0;
}
