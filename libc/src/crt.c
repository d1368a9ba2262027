/* Program entry. The runtime enters _start like a call (so the stack is aligned
   as at any function entry) with %rdi pointing at NaCl's startup block of 32-bit
   words: cleanup fn, envc, argc, argv[argc], NULL, envp[envc], NULL, auxv...
   ZeroVM-style loaders pass %rdi = 0: the program then sees no arguments.
   Constructors run before main; destructors in exit() (stdlib.c). */
#include <stdint.h>
#include <stdlib.h>

extern int main(int argc, char **argv, char **envp);
extern char **environ;
/* __attribute__((constructor)) functions, in order (src/toolchain/nexe.ld) */
extern void (*__init_array_start[])(int, char **, char **);
extern void (*__init_array_end[])(int, char **, char **);

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
  /* as glibc does, constructors get main's arguments */
  for (void (**f)(int, char **, char **) = __init_array_start; f < __init_array_end; f++) (*f)(argc, argv, envp);
  exit(main(argc, argv, envp));
}
