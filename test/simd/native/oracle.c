/* Test oracle: runs single instructions natively from a given FXSAVE image + GPRs + flags + 256-byte
 * scratch memory, and writes the resulting state. Records are read from stdin and written to stdout.
 * Record layout (928 bytes): fxsave image [0,512), scratch memory [512,768) (rbx = scratch + 128),
 * GPRs [768,896) (rbx ignored on input), rflags [896,904), code [904,920), code length [920]. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define REC 928

void run_case(uint8_t *rec, void *code);
__asm__(
  ".text\n.globl run_case\nrun_case:\n"
  "push %rbx\npush %rbp\npush %r12\npush %r13\npush %r14\npush %r15\n"
  "mov %rdi, %r12\nmov %rsi, %r13\n"
  "fxrstor (%r12)\n"
  "pushq 896(%r12)\npopfq\n"
  "mov 768(%r12), %rax\nmov 776(%r12), %rcx\nmov 784(%r12), %rdx\n"
  "lea 640(%r12), %rbx\n"
  "mov 816(%r12), %rsi\nmov 824(%r12), %rdi\n"
  "mov 832(%r12), %r8\nmov 840(%r12), %r9\nmov 848(%r12), %r10\nmov 856(%r12), %r11\n"
  "call *%r13\n"
  "pushfq\npopq 896(%r12)\n"
  "mov %rax, 768(%r12)\nmov %rcx, 776(%r12)\nmov %rdx, 784(%r12)\n"
  "mov %rsi, 816(%r12)\nmov %rdi, 824(%r12)\n"
  "mov %r8, 832(%r12)\nmov %r9, 840(%r12)\nmov %r10, 848(%r12)\nmov %r11, 856(%r12)\n"
  "fxsave (%r12)\n"
  "fninit\npushq $0x1f80\nldmxcsr (%rsp)\npopq %rax\n"
  "pop %r15\npop %r14\npop %r13\npop %r12\npop %rbp\npop %rbx\nret\n");

static uint8_t rec[REC] __attribute__((aligned(64)));

int main(void) {
  uint8_t *page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (page == MAP_FAILED) return 2;
  while (fread(rec, REC, 1, stdin) == 1) {
    uint8_t len = rec[920];
    if (len > 15) return 3;
    memcpy(page, rec + 904, len);
    page[len] = 0xc3;
    uint64_t rbx;
    memcpy(&rbx, rec + 792, 8);
    run_case(rec, page);
    memcpy(rec + 792, &rbx, 8);
    if (fwrite(rec, REC, 1, stdout) != 1) return 4;
  }
  return 0;
}
