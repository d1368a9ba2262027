/* POSIX getline/getdelim: a whole line into a buffer grown with realloc. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

ssize_t getdelim(char **line, size_t *cap, int delim, FILE *f) {
  if (line == NULL || cap == NULL) return -1;
  size_t n = 0;
  for (;;) {
    int c = fgetc(f);
    if (c == EOF && n == 0) return -1;
    if (n + 2 > *cap || *line == NULL) {
      size_t want = *cap < 64 ? 64 : *cap * 2;
      char *p = realloc(*line, want);
      if (p == NULL) return -1;
      *line = p;
      *cap = want;
    }
    if (c == EOF) break;
    (*line)[n++] = (char)c;
    if (c == delim) break;
  }
  (*line)[n] = 0;
  return (ssize_t)n;
}

ssize_t getline(char **line, size_t *cap, FILE *f) { return getdelim(line, cap, '\n', f); }
