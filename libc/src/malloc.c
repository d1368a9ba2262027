/* malloc over brk: power-of-two size classes, one free list per class, no
   coalescing. Simple and predictable; each block has a 16-byte header holding
   its class, so user pointers stay 16-byte aligned. A stricter alignment
   (posix_memalign, aligned_alloc) is carved out of a larger block: the pointer
   handed out gets a header of its own, tagged, that leads back to the block. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include "nacl-syscalls.h"

#define HEADER 16
#define MIN_CLASS 4 /* 16 bytes */
#define CLASSES 32
#define INNER_TAG 0x80000000u /* cls of a header inside a block; next = the block's pointer */

struct block { struct block *next; uint32_t cls; uint32_t pad; };

static struct block *free_lists[CLASSES];
static uintptr_t brk_now;

void *sbrk(intptr_t delta) {
  if (!brk_now) brk_now = (uintptr_t)__nacl_brk(0);
  uintptr_t old = brk_now;
  if (delta == 0) return (void *)old;
  uintptr_t want = old + (uintptr_t)delta;
  if (delta > 0 && want < old) { errno = ENOMEM; return (void *)-1; }
  uintptr_t got = (uintptr_t)__nacl_brk((void *)want);
  if (got != want) { errno = ENOMEM; return (void *)-1; }
  brk_now = want;
  return (void *)old;
}

static unsigned class_of(size_t n) {
  unsigned c = MIN_CLASS;
  while (((size_t)1 << c) < n + HEADER) c++;
  return c;
}

void *malloc(size_t n) {
  if (n > ((size_t)1 << 30)) { errno = ENOMEM; return NULL; }
  unsigned c = class_of(n);
  struct block *b = free_lists[c];
  if (b) {
    free_lists[c] = b->next;
  } else {
    uintptr_t cur = (uintptr_t)sbrk(0);
    uintptr_t pad = (16 - (cur & 15)) & 15;
    char *p = sbrk((intptr_t)(pad + ((size_t)1 << c)));
    if (p == (void *)-1) return NULL;
    b = (struct block *)(p + pad);
  }
  b->cls = c;
  return (char *)b + HEADER;
}

void free(void *p) {
  if (!p) return;
  struct block *b = (struct block *)((char *)p - HEADER);
  if (b->cls & INNER_TAG) {
    free(b->next);
    return;
  }
  b->next = free_lists[b->cls];
  free_lists[b->cls] = b;
}

void *calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) { errno = ENOMEM; return NULL; }
  void *p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

/* Bytes usable at p (a pointer from malloc or the aligned allocators). */
static size_t room_at(void *p) {
  struct block *b = (struct block *)((char *)p - HEADER);
  if (!(b->cls & INNER_TAG)) return ((size_t)1 << b->cls) - HEADER;
  char *outer = (char *)b->next;
  return room_at(outer) - (size_t)((char *)p - outer);
}

void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  size_t room = room_at(p);
  if (n <= room) return p;
  void *q = malloc(n);
  if (!q) return NULL;
  memcpy(q, p, room);
  free(p);
  return q;
}

/* align: a power of two. */
static void *aligned_block(size_t align, size_t n) {
  if (align <= HEADER) return malloc(n);
  if (align > ((size_t)1 << 28) || n > ((size_t)1 << 30)) { errno = ENOMEM; return NULL; }
  char *outer = malloc(n + align);
  if (!outer) return NULL;
  uintptr_t at = ((uintptr_t)outer + align - 1) & ~(uintptr_t)(align - 1);
  if (at == (uintptr_t)outer) return outer;
  /* outer and at are 16-byte aligned and differ: the inner header fits in between */
  struct block *inner = (struct block *)(at - HEADER);
  inner->next = (struct block *)outer;
  inner->cls = INNER_TAG;
  return (void *)at;
}

int posix_memalign(void **out, size_t align, size_t n) {
  if (align < sizeof(void *) || (align & (align - 1)) != 0) return EINVAL;
  int saved = errno;
  void *p = aligned_block(align, n);
  if (!p) { errno = saved; return ENOMEM; }
  *out = p;
  return 0;
}

/* As glibc 2.36 does (the host's): an alignment that is not a power of two is
   rounded up to one (later glibc refuses it with EINVAL). */
void *aligned_alloc(size_t align, size_t n) {
  if (align > ((size_t)1 << 28)) { errno = EINVAL; return NULL; }
  size_t a = 1;
  while (a < align) a <<= 1;
  return aligned_block(a, n);
}

void *memalign(size_t align, size_t n) {
  return aligned_alloc(align, n);
}
