/* POSIX string functions beyond C's: case-insensitive compares, stpcpy,
   strsep and strtok_r. */
#include <ctype.h>
#include <string.h>
#include <strings.h>

int strcasecmp(const char *a, const char *b) {
  for (;; a++, b++) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x != y || x == 0) return x - y;
  }
}

int strncasecmp(const char *a, const char *b, size_t n) {
  for (; n > 0; n--, a++, b++) {
    int x = tolower((unsigned char)*a), y = tolower((unsigned char)*b);
    if (x != y || x == 0) return x - y;
  }
  return 0;
}

char *stpcpy(char *dst, const char *src) {
  while ((*dst = *src++) != 0) dst++;
  return dst;
}

char *strsep(char **sp, const char *delim) {
  char *s = *sp;
  if (s == NULL) return NULL;
  char *end = s + strcspn(s, delim);
  if (*end) {
    *end = 0;
    *sp = end + 1;
  } else {
    *sp = NULL;
  }
  return s;
}

char *strtok_r(char *s, const char *delim, char **save) {
  if (s == NULL) s = *save;
  s += strspn(s, delim);
  if (*s == 0) {
    *save = s;
    return NULL;
  }
  char *end = s + strcspn(s, delim);
  if (*end) *end++ = 0;
  *save = end;
  return s;
}
