/* Native snippet runner for the interpreter's differential tests (test-only; built by the test
 * suite with gcc into a temp dir). Each stdin line is one case:
 *     <code hex> <rflags hex> <memory seed hex> <rax> <rcx> ... <r15>   (registers in hex)
 * The code runs natively from that state with a scratch page mapped at SCRATCH (filled from the
 * seed, the same generator as the TypeScript side) and ends with a jump back into the harness.
 * Each case prints one line:
 *     ok <rflags> <rax> ... <r15> [<offset>:<byte> ...]   (scratch bytes that changed)
 *     sig <signal number>                                 (the snippet faulted, or 14: it ran > 1 s)
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define SCRATCH 0x10000000UL
#define SCRATCH_SIZE 4096
#define CODE 0x20000000UL
#define CODE_SIZE 4096

uint64_t in_regs[16], out_regs[16], in_flags, out_flags, host_rsp, code_addr;
uint64_t private_stack[64];
void run_snippet(void);
void harness_exit(void);

__asm__(
    ".text\n"
    ".globl run_snippet\n"
    "run_snippet:\n"
    "  push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
    "  mov %rsp, host_rsp(%rip)\n"
    "  lea private_stack+256(%rip), %rsp\n"
    "  pushq in_flags(%rip)\n"
    "  popfq\n"
    "  mov in_regs+0(%rip), %rax\n mov in_regs+8(%rip), %rcx\n mov in_regs+16(%rip), %rdx\n"
    "  mov in_regs+24(%rip), %rbx\n mov in_regs+40(%rip), %rbp\n mov in_regs+48(%rip), %rsi\n"
    "  mov in_regs+56(%rip), %rdi\n mov in_regs+64(%rip), %r8\n mov in_regs+72(%rip), %r9\n"
    "  mov in_regs+80(%rip), %r10\n mov in_regs+88(%rip), %r11\n mov in_regs+96(%rip), %r12\n"
    "  mov in_regs+104(%rip), %r13\n mov in_regs+112(%rip), %r14\n mov in_regs+120(%rip), %r15\n"
    "  mov in_regs+32(%rip), %rsp\n"
    "  jmp *code_addr(%rip)\n"
    ".globl harness_exit\n"
    "harness_exit:\n"
    "  mov %rax, out_regs+0(%rip)\n mov %rcx, out_regs+8(%rip)\n mov %rdx, out_regs+16(%rip)\n"
    "  mov %rbx, out_regs+24(%rip)\n mov %rsp, out_regs+32(%rip)\n mov %rbp, out_regs+40(%rip)\n"
    "  mov %rsi, out_regs+48(%rip)\n mov %rdi, out_regs+56(%rip)\n mov %r8, out_regs+64(%rip)\n"
    "  mov %r9, out_regs+72(%rip)\n mov %r10, out_regs+80(%rip)\n mov %r11, out_regs+88(%rip)\n"
    "  mov %r12, out_regs+96(%rip)\n mov %r13, out_regs+104(%rip)\n mov %r14, out_regs+112(%rip)\n"
    "  mov %r15, out_regs+120(%rip)\n"
    "  lea private_stack+256(%rip), %rsp\n"
    "  pushfq\n"
    "  popq out_flags(%rip)\n"
    "  cld\n"
    "  mov host_rsp(%rip), %rsp\n"
    "  pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
    "  ret\n");

static sigjmp_buf env;
static void on_signal(int sig) { siglongjmp(env, sig); }

/* The scratch fill: xorshift32 words from the seed (mirrored in test/cpu/snippet-state.ts). */
static void fill(uint8_t *p, uint32_t seed) {
  uint32_t s = seed | 1;
  for (int i = 0; i < SCRATCH_SIZE; i += 4) {
    s ^= s << 13; s ^= s >> 17; s ^= s << 5;
    memcpy(p + i, &s, 4);
  }
}

static int hexval(int c) { return c <= '9' ? c - '0' : (c | 32) - 'a' + 10; }

int main(void) {
  uint8_t *scratch = mmap((void *)SCRATCH, SCRATCH_SIZE, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  uint8_t *code = mmap((void *)CODE, CODE_SIZE, PROT_READ | PROT_WRITE | PROT_EXEC,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  if (scratch == MAP_FAILED || code == MAP_FAILED) { perror("mmap"); return 2; }
  static uint8_t altstack[65536];
  stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0 };
  sigaltstack(&ss, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sa.sa_flags = SA_ONSTACK | SA_NODEFER;
  /* SIGALRM: a snippet that never returns is cut off after a second */
  int sigs[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGTRAP, SIGALRM };
  for (unsigned k = 0; k < sizeof sigs / sizeof sigs[0]; k++) sigaction(sigs[k], &sa, 0);
  uint8_t initial[SCRATCH_SIZE];
  static char line[8192];
  code_addr = CODE;
  while (fgets(line, sizeof line, stdin)) {
    char *p = line;
    int n = 0;
    while (p[0] && p[0] != ' ') { code[n++] = (uint8_t)(hexval(p[0]) << 4 | hexval(p[1])); p += 2; }
    /* jmp *0(%rip); .quad harness_exit */
    code[n++] = 0xff; code[n++] = 0x25; code[n++] = 0; code[n++] = 0; code[n++] = 0; code[n++] = 0;
    uint64_t back = (uint64_t)harness_exit;
    memcpy(code + n, &back, 8);
    in_flags = strtoull(p, &p, 16);
    uint32_t seed = (uint32_t)strtoull(p, &p, 16);
    for (int r = 0; r < 16; r++) in_regs[r] = strtoull(p, &p, 16);
    fill(initial, seed);
    memcpy(scratch, initial, SCRATCH_SIZE);
    int sig = sigsetjmp(env, 1);
    if (sig == 0) {
      alarm(1);
      run_snippet();
      alarm(0);
      printf("ok %llx", (unsigned long long)out_flags);
      for (int r = 0; r < 16; r++) printf(" %llx", (unsigned long long)out_regs[r]);
      for (int i = 0; i < SCRATCH_SIZE; i++)
        if (scratch[i] != initial[i]) printf(" %x:%x", i, scratch[i]);
      printf("\n");
    } else {
      alarm(0);
      printf("sig %d\n", sig);
    }
  }
  return 0;
}
