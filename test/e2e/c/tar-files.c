/* End-to-end ZRT program: reads files of a tar-mounted tree, lists a directory, writes files into a
   tree that is exported as a tar at exit, and reads the deterministic clock and its arguments. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

/* No printf: varargs prologues save the xmm registers, and SSE is not in the interpreter's profile yet. */
static void put(FILE *f, const char *s) { fputs(s, f); }
static void put_uint(FILE *f, unsigned long v, int base, int width) {
  char buf[32];
  int n = 0;
  do {
    buf[n++] = "0123456789abcdef"[v % base];
    v /= base;
  } while (v);
  while (n < width) buf[n++] = '0';
  while (n) fputc(buf[--n], f);
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  FILE *in = fopen("/data/words.txt", "r");
  if (!in) {
    put(stdout, "cannot open /data/words.txt\n");
    return 3;
  }
  char line[256];
  int lines = 0;
  unsigned hash = 2166136261u;
  while (fgets(line, sizeof line, in)) {
    lines++;
    for (char *p = line; *p; p++) hash = (hash ^ (unsigned char)*p) * 16777619u;
  }
  fclose(in);
  put(stdout, "words.txt: ");
  put_uint(stdout, lines, 10, 0);
  put(stdout, " lines, fnv ");
  put_uint(stdout, hash, 16, 8);
  put(stdout, "\n");

  DIR *dir = opendir("/data");
  if (!dir) {
    put(stdout, "cannot list /data\n");
    return 4;
  }
  char *names[64];
  int count = 0;
  struct dirent *e;
  while ((e = readdir(dir)) && count < 64) names[count++] = strdup(e->d_name);
  closedir(dir);
  qsort(names, count, sizeof names[0], by_name);
  put(stdout, "/data:");
  for (int i = 0; i < count; i++) {
    put(stdout, " ");
    put(stdout, names[i]);
  }
  put(stdout, "\n");

  FILE *out = fopen("/tmp/summary.txt", "w");
  if (!out) {
    put(stdout, "cannot create /tmp/summary.txt\n");
    return 5;
  }
  put(out, "lines=");
  put_uint(out, lines, 10, 0);
  put(out, " fnv=");
  put_uint(out, hash, 16, 8);
  put(out, " entries=");
  put_uint(out, count, 10, 0);
  put(out, "\n");
  for (int i = 1; i < argc; i++) {
    put(out, "arg ");
    put_uint(out, i, 10, 0);
    put(out, ": ");
    put(out, argv[i]);
    put(out, "\n");
  }
  fclose(out);

  struct timeval a, b;
  gettimeofday(&a, 0);
  gettimeofday(&b, 0);
  put(stdout, "clock: ");
  put_uint(stdout, a.tv_sec, 10, 0);
  put(stdout, ".");
  put_uint(stdout, a.tv_usec, 10, 6);
  put(stdout, " then +");
  put_uint(stdout, (b.tv_sec - a.tv_sec) * 1000000 + (b.tv_usec - a.tv_usec), 10, 0);
  put(stdout, " us\n");
  return lines;
}
