/* Program entry. The runtime enters _start like a call (so the stack is aligned
   as at any function entry) with %rdi pointing at NaCl's startup block of 32-bit
   words: cleanup fn, envc, argc, argv[argc], NULL, envp[envc], NULL, auxv...
   ZeroVM-style loaders pass %rdi = 0: the program then sees no arguments. */
#include <stdint.h>
#include <stdlib.h>

extern int main(int argc, char **argv, char **envp);
extern char **environ;

static char *no_args[1];

_Noreturn void _start(uint32_t *info) {
  int argc = 0;
  char **argv = no_args;
  char **envp = no_args;
  if (info) {
    argc = (int)info[2];
    argv = (char **)(info + 3);
    envp = argv + argc + 1;
  }
  environ = envp;
  exit(main(argc, argv, envp));
}
