/* Broken-down time, in UTC (the sandbox has no time zones, so localtime is
   gmtime): gmtime/localtime (and _r), mktime/timegm, difftime, asctime/ctime
   and strftime in the C locale. Days and civil dates convert through
   400-year eras of 146097 days with years starting on March 1. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const DAYS[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const MONTHS[] = {"January", "February", "March", "April", "May", "June", "July",
                                     "August", "September", "October", "November", "December"};

static long long floor_div(long long a, long long b) { return a / b - (a % b != 0 && (a < 0) != (b < 0)); }

/* days since 1970-01-01 of a proleptic Gregorian date (month 1..12) */
static long long days_from_civil(long long y, int m, int d) {
  y -= m <= 2;
  long long era = floor_div(y, 400);
  long long yoe = y - era * 400;
  long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static int leap(long long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

struct tm *gmtime_r(const time_t *t, struct tm *out) {
  long long days = floor_div(*t, 86400), secs = *t - days * 86400;
  out->tm_hour = (int)(secs / 3600);
  out->tm_min = (int)(secs / 60 % 60);
  out->tm_sec = (int)(secs % 60);
  out->tm_wday = (int)((days % 7 + 11) % 7); /* 1970-01-01 was a Thursday */
  long long z = days + 719468, era = floor_div(z, 146097);
  long long doe = z - era * 146097;
  long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long long mp = (5 * doy + 2) / 153;
  int d = (int)(doy - (153 * mp + 2) / 5 + 1), m = (int)(mp < 10 ? mp + 3 : mp - 9);
  long long y = yoe + era * 400 + (m <= 2);
  out->tm_year = (int)(y - 1900);
  out->tm_mon = m - 1;
  out->tm_mday = d;
  out->tm_yday = (int)(days - days_from_civil(y, 1, 1));
  out->tm_isdst = 0;
  return out;
}

struct tm *gmtime(const time_t *t) {
  static struct tm result;
  return gmtime_r(t, &result);
}

struct tm *localtime_r(const time_t *t, struct tm *out) { return gmtime_r(t, out); }
struct tm *localtime(const time_t *t) { return gmtime(t); }

/* normalises the fields (tm_mon 14 is next February...) and fills wday/yday */
time_t timegm(struct tm *tm) {
  long long mon = tm->tm_mon, year = tm->tm_year + 1900LL + floor_div(mon, 12);
  mon -= floor_div(mon, 12) * 12;
  long long t = (days_from_civil(year, (int)mon + 1, 1) + tm->tm_mday - 1) * 86400LL + tm->tm_hour * 3600LL + tm->tm_min * 60LL + tm->tm_sec;
  time_t r = t;
  gmtime_r(&r, tm);
  return r;
}

time_t mktime(struct tm *tm) { return timegm(tm); }
double difftime(time_t a, time_t b) { return (double)(a - b); }

char *asctime(const struct tm *tm) {
  static char buf[32];
  snprintf(buf, sizeof buf, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", DAYS[tm->tm_wday % 7], MONTHS[tm->tm_mon % 12], tm->tm_mday,
           tm->tm_hour, tm->tm_min, tm->tm_sec, 1900 + tm->tm_year);
  return buf;
}

char *ctime(const time_t *t) { return asctime(localtime(t)); }

size_t strftime(char *s, size_t max, const char *fmt, const struct tm *tm) {
  size_t n = 0;
  char tmp[64];
  for (; *fmt; fmt++) {
    const char *piece = tmp;
    if (*fmt != '%') {
      tmp[0] = *fmt;
      tmp[1] = 0;
    } else {
      switch (*++fmt) {
        case 'a': snprintf(tmp, sizeof tmp, "%.3s", DAYS[tm->tm_wday % 7]); break;
        case 'A': piece = DAYS[tm->tm_wday % 7]; break;
        case 'b': case 'h': snprintf(tmp, sizeof tmp, "%.3s", MONTHS[tm->tm_mon % 12]); break;
        case 'B': piece = MONTHS[tm->tm_mon % 12]; break;
        case 'c': strftime(tmp, sizeof tmp, "%a %b %e %H:%M:%S %Y", tm); break;
        case 'C': snprintf(tmp, sizeof tmp, "%02d", (1900 + tm->tm_year) / 100); break;
        case 'd': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mday); break;
        case 'D': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); break;
        case 'e': snprintf(tmp, sizeof tmp, "%2d", tm->tm_mday); break;
        case 'F': strftime(tmp, sizeof tmp, "%Y-%m-%d", tm); break;
        case 'H': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour); break;
        case 'I': snprintf(tmp, sizeof tmp, "%02d", tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12); break;
        case 'j': snprintf(tmp, sizeof tmp, "%03d", tm->tm_yday + 1); break;
        case 'm': snprintf(tmp, sizeof tmp, "%02d", tm->tm_mon + 1); break;
        case 'M': snprintf(tmp, sizeof tmp, "%02d", tm->tm_min); break;
        case 'n': piece = "\n"; break;
        case 'p': piece = tm->tm_hour < 12 ? "AM" : "PM"; break;
        case 'r': strftime(tmp, sizeof tmp, "%I:%M:%S %p", tm); break;
        case 'R': strftime(tmp, sizeof tmp, "%H:%M", tm); break;
        case 's': { struct tm copy = *tm; snprintf(tmp, sizeof tmp, "%lld", (long long)timegm(&copy)); break; }
        case 'S': snprintf(tmp, sizeof tmp, "%02d", tm->tm_sec); break;
        case 't': piece = "\t"; break;
        case 'T': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); break;
        case 'u': snprintf(tmp, sizeof tmp, "%d", tm->tm_wday == 0 ? 7 : tm->tm_wday); break;
        case 'w': snprintf(tmp, sizeof tmp, "%d", tm->tm_wday); break;
        case 'x': strftime(tmp, sizeof tmp, "%m/%d/%y", tm); break;
        case 'X': strftime(tmp, sizeof tmp, "%H:%M:%S", tm); break;
        case 'y': snprintf(tmp, sizeof tmp, "%02d", (1900 + tm->tm_year) % 100); break;
        case 'Y': snprintf(tmp, sizeof tmp, "%d", 1900 + tm->tm_year); break;
        case 'z': piece = "+0000"; break;
        case 'Z': piece = "GMT"; break;
        case '%': piece = "%"; break;
        case 0: fmt--; piece = ""; break;
        default: snprintf(tmp, sizeof tmp, "%%%c", *fmt); break;
      }
    }
    size_t len = strlen(piece);
    if (n + len >= max) return 0;
    memcpy(s + n, piece, len);
    n += len;
  }
  if (n >= max) return 0;
  s[n] = 0;
  return n;
}
