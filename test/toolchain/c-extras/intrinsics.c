/* gcc's own headers through zvm cc: SSE2..SSE4.2 intrinsics (built with -msse4.2),
   _mm_malloc, cpuid.h and stdatomic.h. Prints only what the CPU computes. */
#include <cpuid.h>
#include <immintrin.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static void show(const char *what, __m128i v) {
  uint8_t b[16];
  _mm_storeu_si128((__m128i *)b, v);
  printf("%s", what);
  for (int i = 0; i < 16; i++) printf(" %02x", b[i]);
  printf("\n");
}

int main(int argc, char **argv) {
  (void)argv;
  volatile uint64_t x = 0x0123456789abcdefULL + (uint64_t)argc;
  uint32_t crc = 0;
  for (int i = 0; i < 8; i++) crc = _mm_crc32_u8(crc, (uint8_t)(x >> (8 * i)));
  crc = _mm_crc32_u32(crc, (uint32_t)x);
  printf("crc32 %08x u64 %08llx\n", crc, (unsigned long long)_mm_crc32_u64(crc, x));
  printf("popcnt %d %d\n", _mm_popcnt_u32((uint32_t)x), (int)_mm_popcnt_u64(x));

  __m128i a = _mm_setr_epi8(9, 1, 8, 2, 7, 3, 6, 4, 5, 5, 4, 6, 3, 7, 2, 8);
  __m128i b = _mm_set1_epi16((short)(x & 0x7fff));
  show("pshufb", _mm_shuffle_epi8(b, a));
  show("maddubs", _mm_maddubs_epi16(a, b));
  show("minmax", _mm_max_epi8(_mm_min_epu16(a, b), _mm_sub_epi8(a, b)));
  show("mullo", _mm_mullo_epi32(a, b));
  show("blend", _mm_blendv_epi8(a, b, _mm_cmpgt_epi8(a, _mm_set1_epi8(5))));
  show("packus", _mm_packus_epi32(a, b));
  printf("cmpistri %d cmpestrm %d ptest %d\n", _mm_cmpistri(a, b, _SIDD_UBYTE_OPS | _SIDD_CMP_EQUAL_ANY),
         _mm_extract_epi16(_mm_cmpestrm(a, 8, b, 16, _SIDD_UWORD_OPS | _SIDD_CMP_RANGES | _SIDD_UNIT_MASK), 0),
         _mm_testz_si128(a, b));

  __m128d d = _mm_set_pd(2.5, -1.25);
  __m128 f = _mm_setr_ps(1.5f, -2.5f, 3.25f, 1e-3f);
  printf("round %g %g dp %g hadd %g\n", _mm_cvtsd_f64(_mm_round_pd(d, _MM_FROUND_TO_NEAREST_INT)),
         _mm_cvtsd_f64(_mm_floor_pd(d)), _mm_cvtss_f32(_mm_dp_ps(f, f, 0xf1)), _mm_cvtss_f32(_mm_hadd_ps(f, f)));

  float *p = _mm_malloc(100 * sizeof(float), 64);
  printf("_mm_malloc aligned %d\n", p != NULL && ((uintptr_t)p & 63) == 0);
  _mm_free(p);

  unsigned eax, ebx, ecx, edx;
  int ok = __get_cpuid(1, &eax, &ebx, &ecx, &edx);
  printf("cpuid leaf 1: %d sse2 %d\n", ok, ok && (edx & bit_SSE2) != 0);

  atomic_int counter = 40;
  atomic_fetch_add(&counter, 2);
  int expected = 42;
  printf("atomic %d", atomic_load(&counter));
  printf(" cas %d then %d\n", atomic_compare_exchange_strong(&counter, &expected, 7), atomic_load(&counter));
  return 0;
}
