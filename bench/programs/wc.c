/* wc: lines, words and bytes of a file or of stdin, like wc(1).
   usage: wc [file] */
#include <ctype.h>
#include <stdio.h>

int main(int argc, char **argv) {
  FILE *f = argc > 1 ? fopen(argv[1], "r") : stdin;
  if (!f) {
    fprintf(stderr, "wc: cannot open %s\n", argv[1]);
    return 1;
  }
  unsigned long lines = 0, words = 0, bytes = 0;
  int in_word = 0, c;
  while ((c = getc(f)) != EOF) {
    bytes++;
    if (c == '\n') lines++;
    if (isspace(c)) in_word = 0;
    else if (!in_word) {
      in_word = 1;
      words++;
    }
  }
  printf("%7lu %7lu %7lu", lines, words, bytes);
  if (argc > 1) printf(" %s", argv[1]);
  printf("\n");
  if (argc > 1) fclose(f);
  return 0;
}
