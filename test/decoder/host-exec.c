/* Test-only helper (built by test/decoder/host-cpu.test.ts): executes ONE instruction given as hex
 * on the host CPU and prints how the CPU took it:
 *   ud        SIGILL at the instruction: the CPU refuses the encoding (#UD)
 *   fault     another signal at the instruction (#GP, #PF, ...): the CPU decoded it
 *   done      it completed and reached the int3 placed after it
 *   elsewhere a signal somewhere else (it branched away): the CPU decoded it
 *   timeout   no signal within two seconds
 * The instruction runs in a fresh RWX page followed by int3; every general register except rsp
 * points into the middle of a scratch page and xmm0-15 are zero, so most memory operands do not
 * fault. The process never returns from the instruction: the signal handler reports and exits. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static unsigned char *code;
static size_t len;

static void say(const char *s) {
  ssize_t r = write(1, s, strlen(s));
  (void)r;
  _exit(0);
}

static void on_signal(int sig, siginfo_t *si, void *ctx) {
  (void)si;
  ucontext_t *uc = (ucontext_t *)ctx;
  unsigned long rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
  if (sig == SIGALRM) say("timeout\n");
  if (rip == (unsigned long)code) say(sig == SIGILL ? "ud\n" : "fault\n");
  if (sig == SIGTRAP && rip == (unsigned long)code + len + 1) say("done\n");
  say("elsewhere\n");
}

int main(int argc, char **argv) {
  if (argc != 2 || strlen(argv[1]) % 2 != 0 || strlen(argv[1]) > 30) {
    fprintf(stderr, "usage: host-exec HEX (1..15 bytes)\n");
    return 2;
  }
  len = strlen(argv[1]) / 2;
  code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  unsigned char *scratch = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED || scratch == MAP_FAILED) {
    perror("mmap");
    return 2;
  }
  for (size_t i = 0; i < len; i++) {
    unsigned v;
    if (sscanf(argv[1] + 2 * i, "%2x", &v) != 1) return 2;
    code[i] = (unsigned char)v;
  }
  code[len] = 0xcc; /* int3 */
  static unsigned char altstack[1 << 16];
  stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = on_signal;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  int sigs[] = { SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP, SIGALRM, SIGSYS };
  for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) sigaction(sigs[i], &sa, NULL);
  alarm(2);
  unsigned long mid = (unsigned long)scratch + (1 << 19);
  __asm__ volatile(
      "pxor %%xmm0, %%xmm0\n pxor %%xmm1, %%xmm1\n pxor %%xmm2, %%xmm2\n pxor %%xmm3, %%xmm3\n"
      "pxor %%xmm4, %%xmm4\n pxor %%xmm5, %%xmm5\n pxor %%xmm6, %%xmm6\n pxor %%xmm7, %%xmm7\n"
      "pxor %%xmm8, %%xmm8\n pxor %%xmm9, %%xmm9\n pxor %%xmm10, %%xmm10\n pxor %%xmm11, %%xmm11\n"
      "pxor %%xmm12, %%xmm12\n pxor %%xmm13, %%xmm13\n pxor %%xmm14, %%xmm14\n pxor %%xmm15, %%xmm15\n"
      "mov %0, %%r11\n"
      "mov %%rax, %%rbx\n mov %%rax, %%rcx\n mov %%rax, %%rdx\n mov %%rax, %%rsi\n mov %%rax, %%rdi\n"
      "mov %%rax, %%rbp\n mov %%rax, %%r8\n mov %%rax, %%r9\n mov %%rax, %%r10\n mov %%rax, %%r12\n"
      "mov %%rax, %%r13\n mov %%rax, %%r14\n mov %%rax, %%r15\n"
      "jmp *%%r11\n"
      :
      : "r"(code), "a"(mid)
      : "r11", "memory");
  return 3; /* not reached */
}
