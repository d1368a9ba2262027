/* Memory access shapes gcc produces: indexed globals, negative indices, struct
   fields and copies, VLAs, byte/word accesses, bitfields, pointer walks. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct big { int v[40]; char name[24]; double d; };
struct flags { unsigned a : 3, b : 5, c : 12; int d : 7; };

int table[256];
short shorts[100];
unsigned char bytes[300];
struct point points[50];
static struct big bigs[4];

__attribute__((noinline)) int sum_range(const int *p, int from, int to) {
  int s = 0;
  for (int i = from; i < to; i++) s += p[i];
  return s;
}

__attribute__((noinline)) long long sum_vla(int n) {
  int vla[n];
  for (int i = 0; i < n; i++) vla[i] = i * i - 7;
  long long s = 0;
  for (int i = n - 1; i >= 0; i -= 3) s += vla[i];
  return s;
}

__attribute__((noinline)) struct big copy_big(const struct big *b, int bump) {
  struct big c = *b;
  c.v[bump % 40] += bump;
  c.d *= 1.5;
  return c;
}

__attribute__((noinline)) int walk(const char *s) {
  int h = 0;
  while (*s) h = h * 31 + *s++;
  return h;
}

__attribute__((noinline)) int negative_index(int *mid, int k) { return mid[-k] + mid[k]; }

__attribute__((noinline)) unsigned bitfields(struct flags *f, unsigned v) {
  f->a = v;
  f->b = v >> 3;
  f->c = v * 7;
  f->d = -(int)(v & 63);
  return f->a + f->b * 10 + f->c * 100 + (unsigned)f->d;
}

__attribute__((noinline)) void fill(char *dst, int c, size_t n) { memset(dst, c, n); }

int main(void) {
  for (int i = 0; i < 256; i++) table[i] = i * 3 - 100;
  for (int i = 0; i < 100; i++) shorts[i] = (short)(i * 1000 - 30000);
  for (int i = 0; i < 300; i++) bytes[i] = (unsigned char)(i * 7);
  for (int i = 0; i < 50; i++) points[i] = (struct point){ i, -i * 2 };
  printf("sum_range %d %d\n", sum_range(table, 10, 200), sum_range(table + 128, -100, 100));
  printf("negative_index %d\n", negative_index(table + 128, 77));
  int s = 0;
  for (int i = 0; i < 100; i++) s += shorts[i] ^ bytes[i * 3];
  printf("shorts^bytes %d\n", s);
  long long ps = 0;
  for (int i = 0; i < 50; i += 7) ps += points[i].x * 3 + points[49 - i].y;
  printf("points %lld\n", ps);
  printf("vla %lld %lld\n", sum_vla(10), sum_vla(1000));
  for (int i = 0; i < 4; i++) {
    for (int j = 0; j < 40; j++) bigs[i].v[j] = i * 100 + j;
    snprintf(bigs[i].name, sizeof bigs[i].name, "big-%d", i);
    bigs[i].d = i + 0.25;
  }
  struct big c = copy_big(&bigs[2], 45);
  printf("copy %d %d %s %.2f\n", c.v[5], c.v[6], c.name, c.d);
  printf("walk %d\n", walk("the quick brown fox jumps over the lazy dog"));
  struct flags f;
  memset(&f, 0, sizeof f);
  printf("bitfields %u %u\n", bitfields(&f, 1234567), bitfields(&f, 99));
  char buf[100];
  fill(buf, 'q', sizeof buf);
  buf[99] = 0;
  printf("fill %zu %c\n", strlen(buf), buf[50]);
  uint16_t w = 0xbeef;
  uint8_t b8 = (uint8_t)(w >> 4);
  int8_t sb = (int8_t)b8;
  printf("narrow %u %u %d\n", w, b8, sb);
  return 0;
}
