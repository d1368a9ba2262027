/* The few libgcc helpers gcc may call for x86-64 without extra CPU features. */
int __popcountdi2(unsigned long long x) {
  x = x - ((x >> 1) & 0x5555555555555555ULL);
  x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
  x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
  return (int)((x * 0x0101010101010101ULL) >> 56);
}

int __popcountsi2(unsigned x) { return __popcountdi2(x); }
int __paritydi2(unsigned long long x) { return __popcountdi2(x) & 1; }
int __paritysi2(unsigned x) { return __popcountdi2(x) & 1; }
