/* malloc over brk: power-of-two size classes, one free list per class, no
   coalescing. Simple and predictable; each block has a 16-byte header holding
   its class, so user pointers stay 16-byte aligned. */
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <errno.h>
#include <unistd.h>
#include "nacl-syscalls.h"

#define HEADER 16
#define MIN_CLASS 4 /* 16 bytes */
#define CLASSES 32

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
  b->next = free_lists[b->cls];
  free_lists[b->cls] = b;
}

void *calloc(size_t count, size_t size) {
  if (size && count > SIZE_MAX / size) { errno = ENOMEM; return NULL; }
  void *p = malloc(count * size);
  if (p) memset(p, 0, count * size);
  return p;
}

void *realloc(void *p, size_t n) {
  if (!p) return malloc(n);
  struct block *b = (struct block *)((char *)p - HEADER);
  size_t room = ((size_t)1 << b->cls) - HEADER;
  if (n <= room) return p;
  void *q = malloc(n);
  if (!q) return NULL;
  memcpy(q, p, room);
  free(p);
  return q;
}
