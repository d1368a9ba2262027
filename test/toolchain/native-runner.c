/* native-runner: runs a zvm cc nexe directly on the Linux x86-64 host, for
   testing the toolchain before the interpreter can. With %r15 = 0 sandbox
   addresses are host addresses, so it maps the PT_LOAD segments where they
   belong, puts a stub in each NaCl trampoline slot (0x10000 + 32*n) that jumps
   to a host handler, builds NaCl's startup block on a stack below 4 GiB and
   jumps to the entry point. The sandboxed code itself runs unmodified.
   Test helper only: it trusts the nexe (it is our own output). */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define TRAMPOLINE_BASE 0x10000UL
#define TEXT_BASE 0x20000UL
#define STACK_TOP 0x70000000UL
#define STACK_SIZE (16UL << 20)
#define HEAP_LIMIT 0x60000000UL

static uint32_t brk_start, brk_now;
int current_syscall;

static void die(const char *what) {
  fprintf(stderr, "native-runner: %s: %s\n", what, strerror(errno));
  exit(125);
}

static void *map_fixed(uintptr_t at, size_t size) {
  void *p = mmap((void *)at, size, PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
  if (p == MAP_FAILED || (uintptr_t)p != at) die("mmap");
  return p;
}

struct nacl_stat {
  int64_t dev; uint64_t ino; uint32_t mode, nlink, uid, gid; int64_t rdev, size;
  int32_t blksize, blocks; int64_t atime, atimensec, mtime, mtimensec, ctime, ctimensec;
};

static long ret(long r) { return r < 0 ? -errno : r; }

static long sys_fstat_common(int r, struct stat *st, uint32_t out) {
  if (r < 0) return -errno;
  struct nacl_stat *n = (struct nacl_stat *)(uintptr_t)out;
  memset(n, 0, sizeof *n);
  n->dev = st->st_dev; n->ino = st->st_ino; n->mode = st->st_mode; n->nlink = st->st_nlink;
  n->uid = st->st_uid; n->gid = st->st_gid; n->rdev = st->st_rdev; n->size = st->st_size;
  n->blksize = st->st_blksize; n->blocks = st->st_blocks;
  n->atime = st->st_atim.tv_sec; n->mtime = st->st_mtim.tv_sec; n->ctime = st->st_ctim.tv_sec;
  return 0;
}

static long sys_getdents(int fd, uint32_t buf, uint32_t count) {
  char host[4096];
  size_t want = count < sizeof host ? count : sizeof host;
  off_t start = lseek(fd, 0, SEEK_CUR);
  long n = syscall(SYS_getdents64, fd, host, want / 2); /* our records can be larger than the host's */
  if (n < 0) return -errno;
  long out = 0;
  for (long pos = 0; pos < n;) {
    struct dirent64 *d = (struct dirent64 *)(host + pos);
    size_t name = strlen(d->d_name);
    size_t reclen = (18 + name + 1 + 7) & ~7UL;
    if ((size_t)out + reclen > count) { lseek(fd, d->d_off == 0 ? start : d->d_off, SEEK_SET); break; }
    char *rec = (char *)(uintptr_t)(buf + out);
    uint64_t ino = d->d_ino; int64_t off = d->d_off; uint16_t rl = (uint16_t)reclen;
    memcpy(rec, &ino, 8); memcpy(rec + 8, &off, 8); memcpy(rec + 16, &rl, 2);
    memcpy(rec + 18, d->d_name, name + 1);
    out += (long)reclen;
    pos += d->d_reclen;
  }
  return out;
}

/* The host side of every trampoline slot: arguments as the nexe passed them. */
long nacl_dispatch(long a, long b, long c, long d, long e, long f) {
  (void)d; (void)e; (void)f;
  struct stat st;
  switch (current_syscall) {
    case 10: return ret(open((const char *)(uintptr_t)(uint32_t)a, (int)b, (int)c));
    case 11: return ret(close((int)a));
    case 12: return ret(read((int)a, (void *)(uintptr_t)(uint32_t)b, (size_t)(uint32_t)c));
    case 13: return ret(write((int)a, (const void *)(uintptr_t)(uint32_t)b, (size_t)(uint32_t)c));
    case 14: {
      int64_t *off = (int64_t *)(uintptr_t)(uint32_t)b;
      off_t r = lseek((int)a, *off, (int)c);
      if (r < 0) return -errno;
      *off = r;
      return 0;
    }
    case 16: return sys_fstat_common(stat((const char *)(uintptr_t)(uint32_t)a, &st), &st, (uint32_t)b);
    case 17: return sys_fstat_common(fstat((int)a, &st), &st, (uint32_t)b);
    case 19: return isatty((int)a) ? 1 : -ENOTTY;
    case 20: {
      uint32_t want = (uint32_t)a;
      if (want >= brk_start && want < HEAP_LIMIT) brk_now = want;
      return brk_now;
    }
    case 23: return sys_getdents((int)a, (uint32_t)b, (uint32_t)c);
    case 30: fflush(stdout); _exit((int)a);
    case 40: {
      struct timeval tv;
      gettimeofday(&tv, NULL);
      int64_t *out = (int64_t *)(uintptr_t)(uint32_t)a;
      out[0] = tv.tv_sec;
      *(int32_t *)&out[1] = (int32_t)tv.tv_usec;
      return 0;
    }
    case 41: return (long)clock();
    case 44: {
      struct timespec ts;
      if (clock_gettime((clockid_t)a, &ts) < 0) return -errno;
      int64_t *out = (int64_t *)(uintptr_t)(uint32_t)b;
      out[0] = ts.tv_sec;
      *(int32_t *)&out[1] = (int32_t)ts.tv_nsec;
      return 0;
    }
    case 49: return ret(unlink((const char *)(uintptr_t)(uint32_t)a));
    default:
      fprintf(stderr, "native-runner: unsupported NaCl syscall %d\n", current_syscall);
      return -ENOSYS;
  }
}

/* Slot stub target: records the slot number (in %eax) and tail-calls the C handler. */
__asm__(".text\n"
        "nacl_trampoline_entry:\n"
        "  movl %eax, current_syscall(%rip)\n"
        "  jmp nacl_dispatch\n");
extern char nacl_trampoline_entry[];

static void install_trampolines(void) {
  unsigned char *t = map_fixed(TRAMPOLINE_BASE, TEXT_BASE - TRAMPOLINE_BASE);
  memset(t, 0xf4, TEXT_BASE - TRAMPOLINE_BASE);
  for (unsigned n = 1; n < 2048; n++) {
    unsigned char *s = t + 32 * n;
    uint64_t target = (uint64_t)(uintptr_t)nacl_trampoline_entry;
    s[0] = 0xb8; memcpy(s + 1, &n, 4);                   /* mov $n, %eax */
    s[5] = 0x49; s[6] = 0xbb; memcpy(s + 7, &target, 8); /* movabs $entry, %r11 */
    s[15] = 0x41; s[16] = 0xff; s[17] = 0xe3;            /* jmp *%r11 */
  }
}

static uint64_t load_nexe(const char *path) {
  int fd = open(path, O_RDONLY);
  if (fd < 0) die(path);
  struct stat st;
  fstat(fd, &st);
  unsigned char *img = malloc((size_t)st.st_size);
  if (read(fd, img, (size_t)st.st_size) != st.st_size) die("read");
  close(fd);
  Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
  if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 || eh->e_ident[EI_CLASS] != ELFCLASS64) {
    fprintf(stderr, "native-runner: %s: not an ELF64 file\n", path);
    exit(125);
  }
  uintptr_t end = 0;
  for (int i = 0; i < eh->e_phnum; i++) {
    Elf64_Phdr *ph = (Elf64_Phdr *)(img + eh->e_phoff + (size_t)i * eh->e_phentsize);
    if (ph->p_type != PT_LOAD || ph->p_memsz == 0) continue;
    uintptr_t lo = ph->p_vaddr & ~0xfffUL, hi = (ph->p_vaddr + ph->p_memsz + 0xfff) & ~0xfffUL;
    map_fixed(lo, hi - lo);
    memcpy((void *)ph->p_vaddr, img + ph->p_offset, ph->p_filesz);
    if (hi > end) end = hi;
  }
  uint64_t entry = eh->e_entry;
  free(img);
  brk_start = brk_now = (uint32_t)end;
  /* the heap: reserved now, so brk only moves a number */
  if (mmap((void *)end, HEAP_LIMIT - end, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE | MAP_NORESERVE, -1, 0) == MAP_FAILED) die("heap");
  return entry;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: native-runner prog.nexe [args...]\n");
    return 125;
  }
  install_trampolines();
  uint64_t entry = load_nexe(argv[1]);
  char *stack = map_fixed(STACK_TOP - STACK_SIZE, STACK_SIZE);
  /* strings at the top, then the startup block of 32-bit words below them */
  char *strings = stack + STACK_SIZE;
  int nargs = argc - 1;
  uint32_t ptrs[256];
  for (int i = 0; i < nargs && i < 256; i++) {
    size_t n = strlen(argv[i + 1]) + 1;
    strings -= n;
    memcpy(strings, argv[i + 1], n);
    ptrs[i] = (uint32_t)(uintptr_t)strings;
  }
  uint32_t *block = (uint32_t *)(((uintptr_t)strings - 4 * (nargs + 8)) & ~15UL);
  int k = 0;
  block[k++] = 0;     /* cleanup function */
  block[k++] = 0;     /* envc */
  block[k++] = (uint32_t)nargs;
  for (int i = 0; i < nargs; i++) block[k++] = ptrs[i];
  block[k++] = 0;     /* end of argv */
  block[k++] = 0;     /* end of envp */
  block[k++] = 0;     /* AT_NULL */
  block[k++] = 0;
  fflush(stdout);
  uint64_t sp = (uint64_t)(uintptr_t)block - 8;
  __asm__ volatile("mov %0, %%rsp\n\t"
                   "mov %1, %%rdi\n\t"
                   "xor %%r15d, %%r15d\n\t"
                   "xor %%ebp, %%ebp\n\t"
                   "jmp *%2\n\t"
                   :: "r"(sp), "r"((uint64_t)(uintptr_t)block), "r"(entry) : "memory");
  __builtin_unreachable();
}
