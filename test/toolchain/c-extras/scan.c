/* sscanf and strtold against glibc. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  int a = -1, b = -1, n = -1, r;
  unsigned u = 0;
  long long ll = 0;
  short h = 0;
  char word[32] = "", rest[32] = "", c = '?';
  double d = 0;
  float f = 0;
  long double ld = 0;
  r = sscanf("12 34", "%d %d", &a, &b);
  printf("%d: %d %d\n", r, a, b);
  r = sscanf("  0x1f 017 -9 rest", "%i %i %i %n%s", &a, &b, (int *)&u, &n, word);
  printf("%d: %d %d %d %d %s\n", r, a, b, (int)u, n, word);
  r = sscanf("3.25e2,-1.5,0.1", "%lf,%f,%Lf", &d, &f, &ld);
  printf("%d: %.17g %.9g %.21Lg\n", r, d, (double)f, ld);
  r = sscanf("abc123def", "%[a-z]%lld%3c", word, &ll, rest);
  rest[3] = 0;
  printf("%d: %s %lld %s\n", r, word, ll, rest);
  r = sscanf("key = value;", "%31[^ =] = %31[^;]%c", word, rest, &c);
  printf("%d: [%s] [%s] %c\n", r, word, rest, c);
  r = sscanf("70000 12345678901", "%hd %*d", &h);
  printf("%d: %d\n", r, h);
  r = sscanf("123456", "%3d%2u", &a, &u);
  printf("%d: %d %u\n", r, a, u);
  r = sscanf("x", "%d", &a);
  printf("no match %d, empty %d, literal %d\n", r, sscanf("", "%d", &a), sscanf("ab", "a%c", &c));
  r = sscanf("inf nan -0x1.8p1", "%lf %f %la", &d, &f, &d);
  printf("%d: %g\n", r, d);
  const char *texts[] = {"1.1", "0.1", "3.14159265358979323846264338327950288", "1e100", "-2.5e-300", "123456789012345678901234567890", "6.5e-4940"};
  for (int i = 0; i < 7; i++) {
    char *end;
    long double v = strtold(texts[i], &end);
    printf("strtold(%s) = %.21Lg %La (%d chars)\n", texts[i], v, v, (int)(end - texts[i]));
  }
  return 0;
}
