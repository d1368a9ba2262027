/* Prints the host's RCPSS/RSQRTSS results for the 4096 12-bit mantissa prefixes: one line per prefix
 * i with rcp(1.i), rsqrt(1.i) and rsqrt(2 * 1.i) as float bit patterns (hex). */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <xmmintrin.h>

static uint32_t bits(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static float num(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

int main(void) {
  for (uint32_t i = 0; i < 4096; i++) {
    uint32_t m = i << 11;
    printf("%08x %08x %08x\n", bits(_mm_cvtss_f32(_mm_rcp_ss(_mm_set_ss(num((127u << 23) | m))))),
           bits(_mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(num((127u << 23) | m))))),
           bits(_mm_cvtss_f32(_mm_rsqrt_ss(_mm_set_ss(num((128u << 23) | m))))));
  }
  return 0;
}
