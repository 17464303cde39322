// AVX2 FMA peak loop (fma_peak.h): 12 ymm accumulators, 8 float lanes each.
#include <immintrin.h>

#include "fma_peak.h"
#include "peak_loop.h"

namespace qb::bench {

int64_t FmaPeakAvx2(int64_t iterations, float* sink) {
#define QB_INIT(i) _mm256_set1_ps(0.001f * (i))
  QB_PEAK_DECLARE(__m256, QB_INIT);
#undef QB_INIT
  const __m256 a = _mm256_set1_ps(0.999f), b = _mm256_set1_ps(0.0001f);
  for (int64_t it = 0; it < iterations; ++it) {
#define QB_STEP(i) "vfmadd213ps %13, %12, %" #i "\n\t"  // c = a * c + b
    asm volatile(QB_PEAK_TWELVE(QB_STEP) : QB_PEAK_OUTPUTS : "v"(a), "v"(b));
#undef QB_STEP
  }
  __m256 sum = _mm256_set1_ps(0.0f);
  for (__m256 c : {QB_PEAK_ACCUMULATORS}) sum = _mm256_add_ps(sum, c);
  alignas(64) float lanes[8];
  _mm256_store_ps(lanes, sum);
  for (float v : lanes) *sink += v;
  return iterations * 12 * 8 * 2;
}

}  // namespace qb::bench
