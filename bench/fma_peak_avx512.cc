// AVX-512 FMA peak loop (fma_peak.h): 12 zmm accumulators, 16 float lanes each.
#include <immintrin.h>

#include "fma_peak.h"
#include "peak_loop.h"

namespace qb::bench {

int64_t FmaPeakAvx512(int64_t iterations, float* sink) {
#define QB_INIT(i) _mm512_set1_ps(0.001f * (i))
  QB_PEAK_DECLARE(__m512, QB_INIT);
#undef QB_INIT
  const __m512 a = _mm512_set1_ps(0.999f), b = _mm512_set1_ps(0.0001f);
  for (int64_t it = 0; it < iterations; ++it) {
#define QB_STEP(i) "vfmadd213ps %13, %12, %" #i "\n\t"  // c = a * c + b
    asm volatile(QB_PEAK_TWELVE(QB_STEP) : QB_PEAK_OUTPUTS : "v"(a), "v"(b));
#undef QB_STEP
  }
  __m512 sum = _mm512_set1_ps(0.0f);
  for (__m512 c : {QB_PEAK_ACCUMULATORS}) sum = _mm512_add_ps(sum, c);
  alignas(64) float lanes[16];
  _mm512_store_ps(lanes, sum);
  for (float v : lanes) *sink += v;
  return iterations * 12 * 16 * 2;
}

}  // namespace qb::bench
