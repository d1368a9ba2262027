/* gmtime, mktime/timegm and strftime on fixed instants (no clock, no time zone). */
#define _GNU_SOURCE /* timegm */
#include <stdio.h>
#include <time.h>

int main(void) {
  const time_t instants[] = {0, 951782400, 951868799, 1700000000, -1, -86400LL * 365 * 70 - 12345, 4102444800LL, 253402300799LL, 68169600LL};
  char buf[200];
  for (int i = 0; i < 9; i++) {
    struct tm tm = *gmtime(&instants[i]);
    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %A %b %B %j %u %w %y %C %e %I %p %D %F %T %R %r %%", &tm);
    printf("%lld: %s yday %d wday %d\n", (long long)instants[i], buf, tm.tm_yday, tm.tm_wday);
    printf("  asctime %s", asctime(&tm));
    tm.tm_mon += 14; /* normalised by timegm */
    tm.tm_mday -= 40;
    time_t back = timegm(&tm);
    strftime(buf, sizeof buf, "%c", &tm);
    printf("  timegm %lld %s difftime %.1f\n", (long long)back, buf, difftime(back, instants[i]));
  }
  return 0;
}
