/* libc-selftest: exercises the C library (strings, ctype, conversions, printf,
   malloc, qsort, stdio files, directories, time, math, setjmp). Each check
   prints "ok <name>" or "FAIL <name>: ..."; the exit status is the number of
   failures. The expected values are what any correct C library gives, so the
   same program built against glibc must pass too.
   usage: libc-selftest [scratch-file-path] */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int failures;

static void check(int ok, const char *name) {
  if (ok) printf("ok %s\n", name);
  else {
    printf("FAIL %s\n", name);
    failures++;
  }
}

static void check_str(const char *got, const char *want, const char *name) {
  if (strcmp(got, want) == 0) printf("ok %s\n", name);
  else {
    printf("FAIL %s: got \"%s\" want \"%s\"\n", name, got, want);
    failures++;
  }
}

static void check_near(double got, double want, double rel, const char *name) {
  double err = fabs(got - want);
  double tol = rel * (fabs(want) > 1 ? fabs(want) : 1);
  if (err <= tol) printf("ok %s\n", name);
  else {
    printf("FAIL %s: got %.17g want %.17g\n", name, got, want);
    failures++;
  }
}

#define FMT(want, ...)                        \
  do {                                        \
    char b_[256];                             \
    snprintf(b_, sizeof b_, __VA_ARGS__);     \
    check_str(b_, want, "printf " #__VA_ARGS__); \
  } while (0)

static void test_strings(void) {
  char buf[64];
  check(strlen("hello") == 5 && strlen("") == 0, "strlen");
  check(strcmp("abc", "abd") < 0 && strcmp("b", "a") > 0 && strcmp("x", "x") == 0, "strcmp");
  check(strcmp("\xff", "a") > 0, "strcmp unsigned");
  check(strncmp("abcdef", "abcxyz", 3) == 0 && strncmp("abcdef", "abcxyz", 4) < 0, "strncmp");
  check(strchr("hello", 'l') - "hello" == 2 || 1, "strchr");
  const char *h = "hello";
  check(strchr(h, 'l') == h + 2 && strrchr(h, 'l') == h + 3 && strchr(h, 'z') == NULL && strchr(h, 0) == h + 5, "strchr/strrchr");
  check(strstr("haystack", "st") != NULL && strcmp(strstr("haystack", "st"), "stack") == 0 && !strstr("abc", "abd"), "strstr");
  check(memcmp("abc", "abd", 3) < 0 && memcmp("abc", "abd", 2) == 0, "memcmp");
  strcpy(buf, "0123456789");
  memmove(buf + 2, buf, 5);
  check_str(buf, "0101234789", "memmove forward overlap");
  strcpy(buf, "0123456789");
  memmove(buf, buf + 3, 5);
  check_str(buf, "3456756789", "memmove backward overlap");
  memset(buf, 'x', 20);
  buf[20] = 0;
  check(strlen(buf) == 20 && buf[19] == 'x', "memset");
  strcpy(buf, "foo");
  strcat(buf, "bar");
  strncat(buf, "bazqux", 3);
  check_str(buf, "foobarbaz", "strcpy/strcat/strncat");
  memset(buf, 'z', 10);
  strncpy(buf, "ab", 5);
  check(buf[0] == 'a' && buf[1] == 'b' && buf[2] == 0 && buf[4] == 0 && buf[5] == 'z', "strncpy pads");
  check(strspn("aabbcx", "ab") == 4 && strcspn("hello world", " ") == 5, "strspn/strcspn");
  char tok[] = "  a,b;;c ";
  char *t1 = strtok(tok, " ,;"), *t2 = strtok(NULL, " ,;"), *t3 = strtok(NULL, " ,;"), *t4 = strtok(NULL, " ,;");
  check(t1 && t2 && t3 && !t4 && !strcmp(t1, "a") && !strcmp(t2, "b") && !strcmp(t3, "c"), "strtok");
  char *d = strdup("duplicate");
  check_str(d, "duplicate", "strdup");
  free(d);
  check(memchr("abcdef", 'd', 6) != NULL && memchr("abcdef", 'd', 3) == NULL, "memchr");
}

static void test_ctype(void) {
  check(isdigit('7') && !isdigit('a') && isalpha('Q') && !isalpha('1'), "isdigit/isalpha");
  check(isspace(' ') && isspace('\n') && isspace('\t') && !isspace('x'), "isspace");
  check(toupper('a') == 'A' && tolower('Z') == 'z' && toupper('1') == '1', "toupper/tolower");
  check(isxdigit('f') && isxdigit('F') && !isxdigit('g') && ispunct('!') && !ispunct('a'), "isxdigit/ispunct");
}

static void test_conversions(void) {
  char *end;
  check(strtol("  -1234xyz", &end, 10) == -1234 && strcmp(end, "xyz") == 0, "strtol decimal");
  check(strtol("0x1f", NULL, 16) == 31 && strtol("0x1f", NULL, 0) == 31 && strtol("017", NULL, 0) == 15, "strtol bases");
  check(strtol("zz", NULL, 36) == 35 * 36 + 35, "strtol base 36");
  errno = 0;
  long big = strtol("99999999999999999999", NULL, 10);
  check(big == LONG_MAX && errno == ERANGE, "strtol overflow");
  check(strtoul("4294967295", NULL, 10) == 4294967295UL, "strtoul max");
  check(strtoull("18446744073709551615", NULL, 10) == 18446744073709551615ULL, "strtoull");
  check(strtoll("-9223372036854775808", NULL, 10) == LLONG_MIN, "strtoll min");
  check(strtol("abc", &end, 10) == 0 && *end == 'a', "strtol no digits");
  check(atoi("42") == 42 && atoi("-7") == -7 && abs(-5) == 5 && labs(-6L) == 6, "atoi/abs");
  check(strtod("3.25", NULL) == 3.25 && strtod("-2.5e+3", NULL) == -2500.0, "strtod simple");
  check(strtod("0.1", NULL) == 0.1 && strtod("1e-5", NULL) == 1e-5 && strtod("123.456", NULL) == 123.456, "strtod exact");
  check_near(strtod("6.02214076e23", NULL), 6.02214076e23, 1e-15, "strtod large");
  check_near(strtod("1.602176634e-19", NULL), 1.602176634e-19, 1e-15, "strtod small");
  check(strtod("12abc", &end) == 12 && *end == 'a', "strtod end");
  check(isinf(strtod("inf", NULL)) && isnan(strtod("nan", NULL)), "strtod inf/nan");
  check(atof("  2.5") == 2.5, "atof");
}

static void test_printf(void) {
  FMT("-2147483648", "%d", INT_MIN);
  FMT("[   42|42   |00042]", "[%5d|%-5d|%05d]", 42, 42, 42);
  FMT("+5  5 -5", "%+d % d %d", 5, 5, -5);
  FMT("ff FF 0xff 17 017", "%x %X %#x %o %#o", 255, 255, 255, 15, 15);
  FMT("4294967295", "%u", 4294967295u);
  FMT("-9223372036854775808 ffffffffffffffff", "%lld %llx", LLONG_MIN, 0xffffffffffffffffULL);
  FMT("123 c", "%zu %c", (size_t)123, 'c');
  FMT("[abc|   abcdef|abcdef    |abcdef]", "[%.3s|%9s|%-10s|%s]", "abcdef", "abcdef", "abcdef", "abcdef");
  FMT("0x1234", "%p", (void *)0x1234);
  FMT("[  007]", "[%5.3d]", 7);
  FMT("[%]", "[%%]");
  FMT("3.141590", "%f", 3.14159);
  FMT("2.67 2.69 0.125", "%.2f %.2f %.3f", 2.675, 2.685, 0.125);
  FMT("1.234568e+04", "%e", 12345.678);
  FMT("0.0001234 1e+20 1.23457e+08 3.14", "%g %g %g %.3g", 0.0001234, 1e20, 123456789.0, 3.14159);
  FMT("[    3.1416|1.23e+02  ]", "[%10.4f|%-10.2e]", 3.14159265, 123.456);
  FMT("2 4 0", "%.0f %.0f %.0f", 2.5, 3.5, 0.4);
  FMT("-0.000000", "%f", -0.0);
  FMT("100000 1e+06 1.00000", "%g %g %#g", 100000.0, 1000000.0, 1.0);
  FMT("1000000000000000.000000", "%f", 1e15);
  FMT("0.1 0.10000000000000001", "%.15g %.17g", 0.1, 0.1);
  FMT("inf -inf nan", "%f %e %g", INFINITY, -INFINITY, NAN);
  FMT(" 10.0 1.000e+01", "%5.1f %.3e", 9.96, 9.9996);
  FMT("1.5e-07 -0.000123", "%g %g", 1.5e-7, -0.000123);
  FMT("+1.50 000001.50", "%+.2f %09.2f", 1.5, 1.5);
  FMT("12345678901234567168.000 1180591620717411303424", "%.3f %.0f", 12345678901234567890.0, 1180591620717411303424.0);
  FMT("1.797693e+308", "%e", 1.7976931348623157e308);
  char small[8];
  int n = snprintf(small, sizeof small, "%s", "truncated output");
  check(n == 16 && strcmp(small, "truncat") == 0, "snprintf truncates");
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_stdlib(void) {
  int v[100];
  for (int i = 0; i < 100; i++) v[i] = (i * 37) % 101 - 50;
  qsort(v, 100, sizeof v[0], cmp_int);
  int sorted = 1;
  for (int i = 1; i < 100; i++) if (v[i - 1] > v[i]) sorted = 0;
  check(sorted, "qsort ints");
  const char *words[] = { "pear", "apple", "fig", "banana", "cherry" };
  qsort(words, 5, sizeof words[0], cmp_str);
  check(!strcmp(words[0], "apple") && !strcmp(words[4], "pear"), "qsort strings");
  int key = v[42];
  int *found = bsearch(&key, v, 100, sizeof v[0], cmp_int);
  check(found && *found == key, "bsearch");
  /* malloc: many blocks of many sizes, each filled with its own pattern */
  char *blocks[200];
  for (int i = 0; i < 200; i++) {
    size_t size = (size_t)(i * 53 % 1000) + 1;
    blocks[i] = malloc(size);
    if (blocks[i]) memset(blocks[i], i & 0xff, size);
  }
  int intact = 1;
  for (int i = 0; i < 200; i++) {
    size_t size = (size_t)(i * 53 % 1000) + 1;
    if (!blocks[i] || ((uintptr_t)blocks[i] & 7)) intact = 0;
    else for (size_t j = 0; j < size; j++) if (blocks[i][j] != (char)(i & 0xff)) intact = 0;
    if (i % 2) { free(blocks[i]); blocks[i] = NULL; }
  }
  check(intact, "malloc blocks intact and aligned");
  char *r = malloc(10);
  strcpy(r, "realloc");
  r = realloc(r, 100000);
  check(r && strcmp(r, "realloc") == 0, "realloc keeps contents");
  free(r);
  for (int i = 0; i < 200; i++) free(blocks[i]);
  int *z = calloc(1000, sizeof(int));
  int zero = z != NULL;
  for (int i = 0; z && i < 1000; i++) if (z[i]) zero = 0;
  check(zero, "calloc zeroes");
  free(z);
  check(getenv("ZVM_SELFTEST_SURELY_UNSET") == NULL, "getenv unset");
  div_t q = div(17, 5);
  check(q.quot == 3 && q.rem == 2, "div");
}

static void test_math(void) {
  check(sqrt(2.0) == 1.4142135623730951 && sqrt(16.0) == 4.0, "sqrt");
  check(fabs(-3.5) == 3.5 && floor(-2.5) == -3.0 && ceil(-2.5) == -2.0 && floor(2.0) == 2.0 && ceil(2.1) == 3.0, "fabs/floor/ceil");
  check(fmod(10.5, 3.0) == 1.5 && fmod(-7.0, 2.0) == -1.0, "fmod");
  check(pow(2.0, 10.0) == 1024.0 && pow(2.0, -2.0) == 0.25 && pow(-3.0, 3.0) == -27.0, "pow integer exponents");
  check_near(pow(2.0, 0.5), 1.4142135623730951, 4e-16, "pow fractional");
  check_near(pow(10.0, 2.5), 316.22776601683796, 4e-16, "pow 10^2.5");
  check_near(exp(1.0), 2.718281828459045, 4e-16, "exp(1)");
  check_near(exp(-10.0), 4.5399929762484854e-05, 4e-16, "exp(-10)");
  check_near(log(10.0), 2.302585092994046, 4e-16, "log(10)");
  check_near(log(0.001), -6.907755278982137, 4e-16, "log(0.001)");
  check_near(sin(M_PI / 6), 0.5, 4e-16, "sin(pi/6)");
  check_near(cos(M_PI / 3), 0.5, 4e-16, "cos(pi/3)");
  check_near(sin(100.0), -0.50636564110975879, 4e-15, "sin(100)");
  check_near(cos(-2.0), -0.41614683654714241, 4e-16, "cos(-2)");
  check_near(atan2(1.0, 1.0), M_PI / 4, 4e-16, "atan2(1,1)");
  check_near(atan2(-1.0, -1.0), -3 * M_PI / 4, 4e-16, "atan2(-1,-1)");
  check_near(atan2(3.0, -4.0), 2.4980915447965089, 4e-16, "atan2(3,-4)");
  check(cos(0.0) == 1.0 && sin(0.0) == 0.0 && exp(0.0) == 1.0 && log(1.0) == 0.0, "exact points");
}

static jmp_buf jump;
static int depth_reached;

static void dive(int depth) {
  depth_reached = depth;
  if (depth == 10) longjmp(jump, 42);
  dive(depth + 1);
}

static void test_setjmp(void) {
  volatile int passes = 0;
  int r = setjmp(jump);
  passes++;
  if (r == 0) dive(0);
  check(r == 42 && passes == 2 && depth_reached == 10, "setjmp/longjmp");
  r = setjmp(jump);
  if (r == 0) longjmp(jump, 0);
  check(r == 1, "longjmp(0) returns 1");
}

static void test_files(const char *path) {
  FILE *f = fopen(path, "w");
  check(f != NULL, "fopen w");
  if (!f) return;
  for (int i = 0; i < 1000; i++) fprintf(f, "line %d\n", i);
  fputs("last", f);
  fputc('!', f);
  check(fclose(f) == 0, "fclose");
  f = fopen(path, "r");
  check(f != NULL, "fopen r");
  if (!f) return;
  char line[64];
  check(fgets(line, sizeof line, f) && strcmp(line, "line 0\n") == 0, "fgets");
  check(ftell(f) == 7, "ftell after fgets");
  check(fseek(f, -5, SEEK_END) == 0 && fgetc(f) == 'l', "fseek SEEK_END");
  check(ungetc('L', f) == 'L' && fgetc(f) == 'L' && fgetc(f) == 'a', "ungetc");
  char rest[8] = { 0 };
  check(fread(rest, 1, sizeof rest, f) == 3 && memcmp(rest, "st!", 3) == 0 && feof(f), "fread to end");
  fseek(f, 0, SEEK_SET);
  int lines = 0, c;
  while ((c = fgetc(f)) != EOF) lines += c == '\n';
  check(lines == 1000, "fgetc over the file");
  fclose(f);

  DIR *d = opendir(".");
  int seen = 0, entries = 0;
  const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
  if (d) {
    struct dirent *e;
    while ((e = readdir(d))) {
      entries++;
      if (strcmp(e->d_name, base) == 0) seen = 1;
    }
    closedir(d);
  }
  check(d && entries >= 3 && (seen || strchr(path, '/')), "opendir/readdir");

  check(unlink(path) == 0, "unlink");
  errno = 0;
  check(fopen(path, "r") == NULL && errno == ENOENT, "fopen missing sets ENOENT");
  check(open("/definitely/not/here", O_RDONLY) == -1 && errno == ENOENT, "open missing");
}

static void test_time(void) {
  struct timeval tv;
  check(gettimeofday(&tv, NULL) == 0 && tv.tv_usec >= 0 && tv.tv_usec < 1000000, "gettimeofday");
  check(time(NULL) >= 0, "time");
  check(clock() >= 0, "clock");
}

static void at_exit_handler(void) { printf("atexit handler ran\n"); }

int main(int argc, char **argv) {
  atexit(at_exit_handler);
  test_strings();
  test_ctype();
  test_conversions();
  test_printf();
  test_stdlib();
  test_math();
  test_setjmp();
  test_files(argc > 1 ? argv[1] : "libc-selftest.tmp");
  test_time();
  fflush(stdout);
  static const char direct[] = "write() reaches stdout\n";
  write(1, direct, sizeof direct - 1);
  printf("%d failures\n", failures);
  return failures;
}
